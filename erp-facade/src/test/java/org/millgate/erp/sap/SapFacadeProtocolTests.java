package org.millgate.erp.sap;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.millgate.erp.model.MaterialBatch;
import org.millgate.erp.model.ConfirmationRequest;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.model.StockPosition;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.OrderQuery;
import org.millgate.erp.port.ShipmentQuery;
import org.millgate.testing.erp.ErpSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The protocol details the facade must get right with any release: next-link paging in v2
 * and v4, OAuth2 toward the ERP, client input kept literal in every filter, master data
 * cached, metrics recorded.
 */
class SapFacadeProtocolTests {

	private static final String INJECTION = "1000' or Plant ne '";

	private final ErpSimulator erp = ErpSimulator.of("2022");

	@BeforeEach
	void reset() {
		this.erp.reset();
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2022", "2023" })
	void should_follow_next_links_until_the_last_page(String release) {
		SapErpFacade paged = Simulators.facade(release, "base-url", ErpSimulator.of(release, 3).baseUrl());
		SapErpFacade unpaged = Simulators.facade(release);

		List<StockPosition> fromPages = paged.stockLevels().stock("1000", List.of("FG-100", "RM-200")).block().items();
		List<StockPosition> whole = unpaged.stockLevels().stock("1000", List.of("FG-100", "RM-200")).block().items();

		assertThat(fromPages).hasSizeGreaterThan(3).containsExactlyInAnyOrderElementsOf(whole);
		assertThat(fromPages.stream().map((p) -> p.quantity().value()).reduce(BigDecimal.ZERO, BigDecimal::add))
			.isEqualByComparingTo(
					whole.stream().map((p) -> p.quantity().value()).reduce(BigDecimal.ZERO, BigDecimal::add));
	}

	@Test
	void should_authenticate_with_oauth2_client_credentials() {
		String tokenUri = ErpSimulator.of("2022").baseUrl() + "/_sim/oauth2/token";
		SapErpFacade facade = Simulators.facade("2022", "auth.token-uri", tokenUri, "auth.client-id", "millgate",
				"auth.client-secret", "millgate");
		SapErpFacade wrongSecret = Simulators.facade("2022", "auth.token-uri", tokenUri, "auth.client-id", "millgate",
				"auth.client-secret", "guessed", "retry.max-attempts", "1");

		assertThat(facade.productionOrders().order("1000001", false).block().id()).isEqualTo("1000001");
		facade.productionOrders().release("1000002").block();
		assertThatThrownBy(() -> wrongSecret.productionOrders().order("1000001", false).block())
			.isInstanceOf(ErpFailure.Unavailable.class)
			.hasMessageContaining("no OAuth2 token");
	}

	@Test
	void should_keep_client_input_literal_in_every_filter_and_key() {
		SapErpFacade facade = Simulators.facade("2022");

		assertThat(facade.productionOrders()
			.orders(new OrderQuery(Set.of(INJECTION), null, null, null, 10))
			.block()
			.items()).isEmpty();
		assertThat(facade.deliveries()
			.shipments(new ShipmentQuery(Set.of(INJECTION), Set.of("17100001' or ShipToParty ne '"), null, null, null,
					10, false))
			.block()
			.items()).isEmpty();
		assertThat(facade.deliveries()
			.shipmentsWithBatches(Set.of(), Set.of(), List.of(new MaterialBatch("FG-130' or Batch ne '", "1000", "B")))
			.block()).isEmpty();
		assertThat(facade.reservations().open(INJECTION, List.of("FG-100' or Product ne '")).block().items()).isEmpty();
		assertThat(facade.stockLevels().stock(INJECTION, List.of("FG-100")).block().items()).isEmpty();
		assertThat(facade.confirmations().ofOrder("1000001' or OrderID ne '").collectList().block()).isEmpty();
		assertThatThrownBy(() -> facade.materials().material("FG-100')/to_Plant?$top=1&x=('").block())
			.isInstanceOf(ErpFailure.NotFound.class);
		assertThatThrownBy(() -> facade.deliveries().shipment("80000001') or ('1", false).block())
			.isInstanceOf(ErpFailure.NotFound.class);
	}

	@Test
	void should_report_a_service_the_erp_does_not_serve_as_unavailable_not_as_a_missing_object() {
		SapErpFacade facade = Simulators.facade("2023", "base-url", ErpSimulator.of("2022").baseUrl(),
				"retry.max-attempts", "3");

		assertThatThrownBy(() -> facade.stockLevels().stock("1000", List.of("FG-100")).block())
			.isInstanceOfSatisfying(ErpFailure.Unavailable.class,
					(failure) -> assertThat(failure.isTransient()).isFalse())
			.hasMessageContaining("is the service activated");
		assertThat(this.erp.calls("material-stock", "total")).isZero();
	}

	@Test
	void should_find_a_confirmation_by_its_external_id() {
		SapErpFacade facade = Simulators.facade("2022");
		UUID externalId = UUID.randomUUID();
		facade.confirmations()
			.post(new ConfirmationRequest("1000001", "0010", Quantity.of("3", "H87"), Quantity.of("0", "H87"), false,
					null, null, null, null, null, externalId))
			.block();

		assertThat(facade.confirmations().findByExternalId(externalId).block())
			.hasValueSatisfying((confirmation) -> assertThat(confirmation.yield().value()).isEqualByComparingTo("3"));
		assertThat(facade.confirmations().findByExternalId(UUID.randomUUID()).block()).isEmpty();
	}

	@Test
	void should_cache_master_data() {
		SapErpFacade facade = Simulators.facade("2022");

		facade.materials().material("RM-200").block();
		facade.materials().material("RM-200").block();

		assertThat(this.erp.calls("products", "GET")).isEqualTo(1);
	}

	@Test
	void should_time_every_call_by_operation_and_outcome() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		SapErpFacade facade = Simulators.facade(meters, "2022");

		facade.productionOrders().order("1000001", false).block();
		assertThatThrownBy(() -> facade.productionOrders().order("9999999", false).block());

		assertThat(meters.get("millgate.erp.calls")
			.tag("operation", "production-order.read")
			.tag("outcome", "success")
			.timer()
			.count()).isEqualTo(1);
		assertThat(meters.get("millgate.erp.calls").tag("outcome", "NotFound").timer().count()).isEqualTo(1);
		// a call keeps its slot until the ERP has answered, a moment after its caller may
		// have the answer
		await().atMost(Duration.ofSeconds(2))
			.until(() -> meters.get("millgate.erp.bulkhead.running").gauge().value() == 0);
	}

}
