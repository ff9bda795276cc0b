package org.millgate.consumers.mes;

import java.util.List;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the MES expects of master data before it starts a line: the units with the
 * decimals a quantity in each may have (it rounds nothing it reports), and the bill of
 * materials valid on the day the order runs.
 */
@Order(1)
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "master-data", pactVersion = PactSpecVersion.V4)
class MesMasterDataPactTests {

	private static final String BEARER = "Bearer [A-Za-z0-9._~+/=-]+";

	@Pact(consumer = "mes")
	V4Pact unitsOfMeasure(PactDslWithProvider builder) {
		return builder.given("the ERP knows pieces and kilograms")
			.uponReceiving("the units of measure with their decimals")
			.method("GET")
			.path("/v1/units-of-measure")
			.matchHeader("Authorization", BEARER, "Bearer token")
			.willRespondWith()
			.status(200)
			.body(new PactDslJsonBody().minArrayLike("items", 2)
				.stringType("unit", "H87")
				.integerType("decimals", 0)
				.closeObject()
				.closeArray())
			.toPact(V4Pact.class);
	}

	@Pact(consumer = "mes")
	V4Pact billOfMaterials(PactDslWithProvider builder) {
		return builder.given("FG-100 has a production bill of materials in plant 1000")
			.uponReceiving("the bill of materials of FG-100 in plant 1000 valid on 2026-07-01")
			.method("GET")
			.path("/v1/materials/FG-100/bill-of-materials")
			.query("plant=1000&validOn=2026-07-01")
			.matchHeader("Authorization", BEARER, "Bearer token")
			.willRespondWith()
			.status(200)
			.body(new PactDslJsonBody().stringValue("material", "FG-100")
				.stringValue("plant", "1000")
				.object("baseQuantity")
				.decimalType("value", 1.0)
				.stringType("unit", "H87")
				.closeObject()
				.minArrayLike("items", 1)
				.stringType("component", "RM-220")
				.stringType("category", "STOCK")
				.object("quantity")
				.decimalType("value", 0.35)
				.stringType("unit", "KGM")
				.closeObject()
				.closeObject()
				.closeArray())
			.toPact(V4Pact.class);
	}

	@Test
	@PactTestFor(pactMethod = "unitsOfMeasure")
	void theLineKnowsWhichUnitsTakeNoDecimals(MockServer server) {
		List<MesClient.Unit> units = new MesClient(server.getUrl(), () -> "mes-token").units();

		assertThat(units).isNotEmpty().allSatisfy((unit) -> assertThat(unit.decimals()).isBetween(0, 3));
	}

	@Test
	@PactTestFor(pactMethod = "billOfMaterials")
	void theLineKnowsWhatAnOrderConsumesPerUnit(MockServer server) {
		MesClient.BillOfMaterials bom = new MesClient(server.getUrl(), () -> "mes-token").billOfMaterials("FG-100",
				"1000", "2026-07-01");

		assertThat(bom.baseQuantity().value()).isPositive();
		assertThat(bom.items()).isNotEmpty().allSatisfy((item) -> {
			assertThat(item.component()).isNotBlank();
			assertThat(item.quantity().value()).isPositive();
		});
	}

}
