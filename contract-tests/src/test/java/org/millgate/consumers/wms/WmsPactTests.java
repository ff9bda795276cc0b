package org.millgate.consumers.wms;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PM;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslJsonRootValue;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.V4Pact;
import au.com.dius.pact.core.model.annotations.Pact;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the WMS expects of inventory (stock by storage location, every bucket), of
 * shipments (the ready ones, one shipment with its checks), of reconciliation (a shipment
 * status it reports, recorded) and of master data (units, batch handling, storage
 * locations).
 */
@Order(1)
class WmsPactTests {

	static final String BEARER = "Bearer [A-Za-z0-9._~+/=-]+";

	@Nested
	@ExtendWith(PactConsumerTestExt.class)
	@PactTestFor(providerName = "inventory", pactVersion = PactSpecVersion.V4)
	class Inventory {

		@Pact(consumer = "wms")
		V4Pact stockByStorageLocation(PactDslWithProvider builder) {
			return builder.given("plant 1000 stocks FG-100 in several storage locations")
				.uponReceiving("the stock of FG-100 in plant 1000 by storage location")
				.method("GET")
				.path("/v1/inventory/availability")
				.query("material=FG-100&plant=1000&breakdown=STORAGE_LOCATION")
				.matchHeader("Authorization", BEARER, "Bearer token")
				.willRespondWith()
				.status(200)
				.body(buckets(new PactDslJsonBody().stringValue("material", "FG-100")
					.stringValue("plant", "1000")
					.stringType("unit", "H87")
					.object("quantities")).closeObject()
					.minArrayLike("breakdown", 1)
					// stock in transit belongs to no storage location yet
					.or("storageLocation", "0001", PM.stringType(), PM.nullValue())
					.object("quantities")
					.numberType("onHand", 300.0)
					.numberType("allocated", 0)
					.numberType("qualityHold", 10.0)
					.numberType("blocked", 10.0)
					.numberType("inTransit", 0)
					.numberType("productionConsumable", 0)
					.numberType("available", 300.0)
					.closeObject()
					.closeObject()
					.closeArray())
				.toPact(V4Pact.class);
		}

		@Test
		@PactTestFor(pactMethod = "stockByStorageLocation")
		void theWarehouseSeesEveryBucketByLocation(MockServer server) {
			WmsClient.Stock stock = new WmsClient(server.getUrl(), () -> "t").stockByLocation("FG-100", "1000");
			assertThat(stock.quantities().onHand()).isGreaterThanOrEqualTo(stock.quantities().available());
			assertThat(stock.breakdown()).isNotEmpty();
		}

	}

	@Nested
	@ExtendWith(PactConsumerTestExt.class)
	@PactTestFor(providerName = "shipments", pactVersion = PactSpecVersion.V4)
	class Shipments {

		@Pact(consumer = "wms")
		V4Pact readyShipments(PactDslWithProvider builder) {
			return builder.given("plant 1000 has shipments ready for shipment")
				.uponReceiving("the shipments ready for shipment")
				.method("GET")
				.path("/v1/shipments")
				.query("status=READY_FOR_SHIPMENT")
				.matchHeader("Authorization", BEARER, "Bearer token")
				.willRespondWith()
				.status(200)
				.body(new PactDslJsonBody().minArrayLike("items", 1)
					.stringMatcher("shipmentId", "[0-9]{1,10}", "80000047")
					.stringValue("status", "READY_FOR_SHIPMENT")
					.date("plannedGoodsIssueDate", "yyyy-MM-dd")
					.closeObject()
					.closeArray())
				.toPact(V4Pact.class);
		}

		@Pact(consumer = "wms")
		V4Pact oneShipment(PactDslWithProvider builder) {
			return builder.given("shipment 80000001 of plant 1000 is ready for shipment")
				.uponReceiving("shipment 80000001 with its checks")
				.method("GET")
				.path("/v1/shipments/80000001")
				.matchHeader("Authorization", BEARER, "Bearer token")
				.willRespondWith()
				.status(200)
				.body(new PactDslJsonBody().stringValue("shipmentId", "80000001")
					.stringValue("status", "READY_FOR_SHIPMENT")
					.booleanValue("readyForShipment", true)
					.object("checks")
					.stringValue("picking", "COMPLETED")
					.stringValue("packing", "COMPLETED")
					.booleanValue("qualityReleased", true)
					.booleanValue("blocked", false)
					.closeObject())
				.toPact(V4Pact.class);
		}

		@Test
		@PactTestFor(pactMethod = "readyShipments")
		void theWarehouseListsWhatToLoad(MockServer server) {
			assertThat(new WmsClient(server.getUrl(), () -> "t").shipments("READY_FOR_SHIPMENT"))
				.allSatisfy((line) -> assertThat(line.status()).isEqualTo("READY_FOR_SHIPMENT"));
		}

		@Test
		@PactTestFor(pactMethod = "oneShipment")
		void theWarehouseReadsWhyAShipmentIsReady(MockServer server) {
			WmsClient.Shipment shipment = new WmsClient(server.getUrl(), () -> "t").shipment("80000001");
			assertThat(shipment.readyForShipment()).isTrue();
			assertThat(shipment.checks().qualityReleased()).isTrue();
		}

	}

	@Nested
	@ExtendWith(PactConsumerTestExt.class)
	@PactTestFor(providerName = "reconciliation", pactVersion = PactSpecVersion.V4)
	class Reconciliation {

		static final String KEY = "wms-1000-report-80000001-0001";

		@Pact(consumer = "wms")
		V4Pact shipmentReport(PactDslWithProvider builder) {
			return builder.given("shipment 80000001 of plant 1000 is ready for shipment")
				.uponReceiving("the warehouse reports shipment 80000001 loaded")
				.method("POST")
				.path("/v1/reconciliation/shipment-reports")
				.matchHeader("Authorization", BEARER, "Bearer token")
				.matchHeader("Idempotency-Key", "[A-Za-z0-9._:-]{8,128}", KEY)
				.matchHeader("Content-Type", "application/json.*", "application/json")
				.body("{\"shipmentId\":\"80000001\",\"status\":\"LOADED\",\"system\":\"WMS\","
						+ "\"reporter\":\"WMS-1000\",\"reportedAt\":\"2026-12-05T10:00:00Z\"}")
				.willRespondWith()
				.status(201)
				.body(new PactDslJsonBody()
					.stringMatcher("reportId", "[A-Za-z0-9._:-]{8,64}", "shipment-report-000000001")
					.stringValue("shipmentId", "80000001")
					.stringValue("plant", "1000")
					.stringValue("status", "LOADED"))
				.toPact(V4Pact.class);
		}

		@Test
		@PactTestFor(pactMethod = "shipmentReport")
		void theWarehouseReportsWhatItLoaded(MockServer server) {
			WmsClient.ShipmentReceipt receipt = new WmsClient(server.getUrl(), () -> "t").reportShipment("80000001",
					"LOADED", "2026-12-05T10:00:00Z", KEY);
			assertThat(receipt.reportId()).isNotBlank();
			assertThat(receipt.plant()).isEqualTo("1000");
		}

	}

	static PactDslJsonBody buckets(PactDslJsonBody quantities) {
		return (PactDslJsonBody) quantities.numberType("onHand", 500.0)
			.numberType("allocated", 120.0)
			.numberType("qualityHold", 40.0)
			.numberType("blocked", 10.0)
			.numberType("inTransit", 25.0)
			.numberType("productionConsumable", 0)
			.numberType("available", 380.0);
	}

	@Nested
	@ExtendWith(PactConsumerTestExt.class)
	@PactTestFor(providerName = "master-data", pactVersion = PactSpecVersion.V4)
	class MasterData {

		@Pact(consumer = "wms")
		V4Pact unitsOfMeasure(PactDslWithProvider builder) {
			return builder.given("the ERP knows pieces and kilograms")
				.uponReceiving("the units of measure with their dimension and decimals")
				.method("GET")
				.path("/v1/units-of-measure")
				.matchHeader("Authorization", BEARER, "Bearer token")
				.willRespondWith()
				.status(200)
				.body(new PactDslJsonBody().minArrayLike("items", 2)
					.stringType("unit", "H87")
					.stringType("dimension", "COUNT")
					.integerType("decimals", 0)
					.closeObject()
					.closeArray())
				.toPact(V4Pact.class);
		}

		@Pact(consumer = "wms")
		V4Pact batchHandling(PactDslWithProvider builder) {
			return builder.given("plant 1000 keeps RM-200 in batches")
				.uponReceiving("RM-200 with its batch handling and storage locations")
				.method("GET")
				.path("/v1/materials/RM-200")
				.matchHeader("Authorization", BEARER, "Bearer token")
				.willRespondWith()
				.status(200)
				.body(new PactDslJsonBody().stringValue("material", "RM-200")
					.stringType("baseUnit", "KGM")
					.booleanType("batchManaged", true)
					.minArrayLike("plants", 1)
					.stringType("plant", "1000")
					.booleanType("batchManaged", true)
					.minArrayLike("storageLocations", 1, PactDslJsonRootValue.stringType("0001"))
					.closeObject()
					.closeArray())
				.toPact(V4Pact.class);
		}

		@Pact(consumer = "wms")
		V4Pact storageLocations(PactDslWithProvider builder) {
			return builder.given("plant 1000 has storage locations")
				.uponReceiving("the storage locations of plant 1000")
				.method("GET")
				.path("/v1/plants/1000/storage-locations")
				.matchHeader("Authorization", BEARER, "Bearer token")
				.willRespondWith()
				.status(200)
				.body(new PactDslJsonBody().stringValue("plant", "1000")
					.minArrayLike("items", 1)
					.stringType("storageLocation", "0001")
					.stringType("name", "Main warehouse")
					.closeObject()
					.closeArray())
				.toPact(V4Pact.class);
		}

		@Test
		@PactTestFor(pactMethod = "unitsOfMeasure")
		void theWarehouseCountsPiecesWithoutDecimals(MockServer server) {
			assertThat(new WmsClient(server.getUrl(), () -> "t").units()).isNotEmpty()
				.allSatisfy((unit) -> assertThat(unit.decimals()).isBetween(0, 3));
		}

		@Test
		@PactTestFor(pactMethod = "batchHandling")
		void theWarehouseKnowsWhereAndHowAMaterialIsKept(MockServer server) {
			WmsClient.Material material = new WmsClient(server.getUrl(), () -> "t").material("RM-200");

			assertThat(material.plants()).isNotEmpty()
				.allSatisfy((plant) -> assertThat(plant.storageLocations()).isNotEmpty());
		}

		@Test
		@PactTestFor(pactMethod = "storageLocations")
		void theWarehouseKnowsItsPlantsStorageLocations(MockServer server) {
			assertThat(new WmsClient(server.getUrl(), () -> "t").storageLocations("1000")).isNotEmpty()
				.allSatisfy((location) -> assertThat(location.storageLocation()).isNotBlank());
		}

	}

}
