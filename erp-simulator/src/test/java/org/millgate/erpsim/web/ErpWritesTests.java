package org.millgate.erpsim.web;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.erpsim.web.SimulatorClient.CONFIRMATIONS;
import static org.millgate.erpsim.web.SimulatorClient.MATERIAL_DOCUMENTS;
import static org.millgate.erpsim.web.SimulatorClient.ORDERS;
import static org.millgate.erpsim.web.SimulatorClient.STOCK;

/**
 * Writes as the ERP books them: the CSRF handshake, actions, confirmations with dedupe,
 * goods movements between stock types, and updates guarded by ETags.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=erp-simulator")
@AutoConfigureWebTestClient
class ErpWritesTests {

	private static final String CONFIRMATION = """
			{"OrderID":"1000001","OrderOperation":"0010","ConfirmationYieldQuantity":"40","ConfirmationScrapQuantity":"2",
			 "ConfirmationUnit":"ST","FinalConfirmationType":"","ExternalSystemConfirmation":"%s"}""";

	@Autowired
	WebTestClient webTestClient;

	SimulatorClient erp;

	@BeforeEach
	void setUp() {
		this.erp = new SimulatorClient(this.webTestClient);
		this.webTestClient.post().uri("/_sim/reset").exchange().expectStatus().isNoContent();
	}

	@Test
	void should_refuse_a_write_without_a_csrf_token() {
		this.erp.postWithout(ORDERS + "/ReleaseOrder?ManufacturingOrder='1000002'", "{}")
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals("X-CSRF-Token", "Required")
			.expectBody(String.class)
			.isEqualTo("CSRF token validation failed");
	}

	@Test
	void should_refuse_a_token_after_it_expired() {
		SimulatorClient.Session session = this.erp.session();
		this.webTestClient.post().uri("/_sim/csrf/expire").exchange().expectStatus().isNoContent();

		this.webTestClient.post()
			.uri(ORDERS + "/ReleaseOrder?ManufacturingOrder='1000002'")
			.headers(this.erp::authenticated)
			.headers(session::apply)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.valueEquals("X-CSRF-Token", "Required");
	}

	@Test
	void should_release_a_created_order_once() {
		this.erp.post(ORDERS + "/ReleaseOrder?ManufacturingOrder='1000002'", "")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.d.ReleaseOrder.SystemMessageType")
			.isEqualTo("S");
		this.erp.get(ORDERS + "/A_ProductionOrder_2('1000002')")
			.expectBody()
			.jsonPath("$.d.OrderIsReleased")
			.isEqualTo("X")
			.jsonPath("$.d.MfgOrderActualReleaseDate")
			.isNotEmpty();
		this.erp.get(ORDERS + "/A_ProductionOrder_2('1000002')/to_ProductionOrderStatus")
			.expectBody()
			.jsonPath("$.d.results[?(@.StatusCode == 'I0002')]")
			.exists()
			.jsonPath("$.d.results[?(@.StatusCode == 'I0001')]")
			.doesNotExist();

		this.erp.post(ORDERS + "/ReleaseOrder?ManufacturingOrder='1000002'", "")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.message.value")
			.isEqualTo("Order 1000002 is already released");
	}

	@Test
	void should_post_a_confirmation_and_book_it_on_operation_and_order() {
		this.erp.post(CONFIRMATIONS + "/ProdnOrdConf2", CONFIRMATION.formatted("6f1c2d3e-0000-4000-8000-000000000001"))
			.expectStatus()
			.isCreated()
			.expectHeader()
			.value("Location", (location) -> assertThat(location).contains("ProdnOrdConf2(ConfirmationGroup="))
			.expectBody()
			.jsonPath("$.d.OrderID")
			.isEqualTo("1000001")
			.jsonPath("$.d.ConfirmationYieldQuantity")
			.isEqualTo("40.000")
			.jsonPath("$.d.EnteredByUser")
			.isEqualTo("MILLGATE");
		this.erp.get(ORDERS
				+ "/A_ProductionOrder_2('1000001')/to_ProductionOrderOperation?$filter=ManufacturingOrderOperation eq '0010'")
			.expectBody()
			.jsonPath("$.d.results[0].OpTotalConfirmedYieldQty")
			.isEqualTo("40.000")
			.jsonPath("$.d.results[0].OperationIsPartiallyConfirmed")
			.isEqualTo("X");
		this.erp.get(ORDERS + "/A_ProductionOrder_2('1000001')")
			.expectBody()
			.jsonPath("$.d.OrderIsPartiallyConfirmed")
			.isEqualTo("X");
	}

	@Test
	void should_record_who_entered_a_confirmation_the_clerk_in_the_erp_or_the_platform() {
		new SimulatorClient(this.webTestClient, "erp-clerk", "erp-clerk").post(CONFIRMATIONS + "/ProdnOrdConf2", """
				{"OrderID":"1000001","OrderOperation":"0010","ConfirmationYieldQuantity":"1"}""")
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.d.EnteredByUser")
			.isEqualTo("ERP-CLERK");
		new SimulatorClient(this.webTestClient, "erp-clerk", "wrong").get(ORDERS + "/A_ProductionOrder_2('1000001')")
			.expectStatus()
			.isUnauthorized();
		new SimulatorClient(this.webTestClient, "nobody", "erp-clerk").get(ORDERS + "/A_ProductionOrder_2('1000001')")
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void should_refuse_a_second_confirmation_with_the_same_external_id() {
		String body = CONFIRMATION.formatted("6f1c2d3e-0000-4000-8000-000000000002");
		this.erp.post(CONFIRMATIONS + "/ProdnOrdConf2", body).expectStatus().isCreated();

		this.erp.post(CONFIRMATIONS + "/ProdnOrdConf2", body)
			.expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("RU/505");
		this.erp.get(CONFIRMATIONS
				+ "/ProdnOrdConf2/$count?$filter=ExternalSystemConfirmation eq guid'6f1c2d3e-0000-4000-8000-000000000002'")
			.expectBody(String.class)
			.isEqualTo("1");
	}

	@Test
	void should_refuse_confirmations_the_erp_would_refuse() {
		this.erp
			.post(CONFIRMATIONS + "/ProdnOrdConf2",
					CONFIRMATION.formatted("6f1c2d3e-0000-4000-8000-000000000003").replace("1000001", "1000002"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("RU/101");
		this.erp
			.post(CONFIRMATIONS + "/ProdnOrdConf2",
					CONFIRMATION.formatted("6f1c2d3e-0000-4000-8000-000000000004").replace("0010", "0990"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("RU/120");
		this.erp.post(CONFIRMATIONS + "/ProdnOrdConf2", "{\"OrderID\":\"1000001\",\"Bogus\":\"1\"}")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.message.value")
			.isEqualTo("Property 'Bogus' is invalid for ProdnOrdConf2Type");
		this.erp.post(CONFIRMATIONS + "/ProdnOrdConf2", "not json").expectStatus().isBadRequest();
	}

	@Test
	void should_confirm_the_released_operations_of_a_partially_released_order_only() {
		// order 1000002 is created; releasing its first operation releases it partially
		this.erp.post(ORDERS + "/ReleaseOperation?ManufacturingOrder='1000002'&ManufacturingOrderOperation='0010'", "")
			.expectStatus()
			.isOk();
		this.erp.get(ORDERS + "/A_ProductionOrder_2('1000002')")
			.expectBody()
			.jsonPath("$.d.OrderIsReleased")
			.isEqualTo("")
			.jsonPath("$.d.OrderIsPartiallyReleased")
			.isEqualTo("X");
		String confirmation = CONFIRMATION.formatted("6f1c2d3e-0000-4000-8000-000000000010")
			.replace("1000001", "1000002")
			.replace("\"40\"", "\"4\"")
			.replace("\"2\"", "\"0\"");

		this.erp.post(CONFIRMATIONS + "/ProdnOrdConf2", confirmation)
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.d.OrderOperation")
			.isEqualTo("0010");
		this.erp
			.post(CONFIRMATIONS + "/ProdnOrdConf2",
					confirmation.replace("0010", "0020").replace("000000000010", "000000000011"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("RU/101")
			.jsonPath("$.error.message.value")
			.isEqualTo("Operation 0020 of order 1000002 is not released for confirmation");
	}

	@Test
	void should_post_a_quality_release_as_a_material_document_that_moves_the_batch_stock() {
		// RM-200 batch B2 in plant 1000: 500 KG in quality inspection at 0001
		String release = """
				{"GoodsMovementCode":"04","to_MaterialDocumentItem":[
				 {"Material":"RM-200","Plant":"1000","StorageLocation":"0001","Batch":"B2","GoodsMovementType":"321",
				  "QuantityInEntryUnit":"8","EntryUnit":"PAK"}]}""";
		String posted = this.erp.post(MATERIAL_DOCUMENTS + "/A_MaterialDocumentHeader", release)
			.expectStatus()
			.isCreated()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat((String) JsonPath.read(posted, "$.d.MaterialDocument")).isEqualTo("4900000002");
		assertThat((String) JsonPath.read(posted, "$.d.PostingDate")).startsWith("/Date(");
		assertThat((String) JsonPath.read(posted, "$.d.to_MaterialDocumentItem.results[0].QuantityInBaseUnit"))
			.isEqualTo("200.000");
		String batch = STOCK + "/A_MatlStkInAcctMod?$filter=Material eq 'RM-200' and Plant eq '1000' and Batch eq 'B2'";
		this.erp.get(batch + " and InventoryStockType eq '02'")
			.expectBody()
			.jsonPath("$.d.results[0].MatlWrhsStkQtyInMatlBaseUnit")
			.isEqualTo("300.000");
		this.erp.get(batch + " and InventoryStockType eq '01'")
			.expectBody()
			.jsonPath("$.d.results[0].MatlWrhsStkQtyInMatlBaseUnit")
			.isEqualTo("200.000");
		this.erp
			.get(MATERIAL_DOCUMENTS + "/A_MaterialDocumentHeader(MaterialDocumentYear='"
					+ JsonPath.read(posted, "$.d.MaterialDocumentYear") + "',MaterialDocument='4900000002')"
					+ "/to_MaterialDocumentItem")
			.expectBody()
			.jsonPath("$.d.results[0].GoodsMovementType")
			.isEqualTo("321");
	}

	@Test
	void should_refuse_a_whole_material_document_when_one_item_lacks_the_stock_it_moves() {
		String deficit = """
				{"to_MaterialDocumentItem":{"results":[
				 {"Material":"RM-200","Plant":"1000","StorageLocation":"0001","Batch":"B2","GoodsMovementType":"321",
				  "QuantityInEntryUnit":"300","EntryUnit":"KG"},
				 {"Material":"RM-200","Plant":"1000","StorageLocation":"0001","Batch":"B2","GoodsMovementType":"321",
				  "QuantityInEntryUnit":"300","EntryUnit":"KG"}]}}""";

		this.erp.post(MATERIAL_DOCUMENTS + "/A_MaterialDocumentHeader", deficit)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("M7/021");
		this.erp.post(MATERIAL_DOCUMENTS + "/A_MaterialDocumentHeader", deficit.replace("\"321\"", "\"101\""))
			.expectStatus()
			.isBadRequest();
		this.erp
			.get(STOCK + "/A_MatlStkInAcctMod?$filter=Material eq 'RM-200' and Plant eq '1000' and Batch eq 'B2'"
					+ " and InventoryStockType eq '02'")
			.expectBody()
			.jsonPath("$.d.results[0].MatlWrhsStkQtyInMatlBaseUnit")
			.isEqualTo("500.000");
		this.erp.get(MATERIAL_DOCUMENTS + "/A_MaterialDocumentHeader/$count").expectBody(String.class).isEqualTo("1");
	}

	@Test
	void should_refuse_a_value_beyond_the_limits_its_metadata_states_as_sap_gateway_does() {
		String confirmation = CONFIRMATION.formatted("6f1c2d3e-0000-4000-8000-000000000005");
		String tooLong = confirmation.replace("\"ConfirmationUnit\"",
				"\"ConfirmationText\":\"" + "x".repeat(41) + "\",\"ConfirmationUnit\"");
		String fits = confirmation.replace("\"ConfirmationUnit\"",
				"\"ConfirmationText\":\"" + "x".repeat(40) + "\",\"ConfirmationUnit\"");

		this.erp.post(CONFIRMATIONS + "/ProdnOrdConf2", tooLong)
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.code")
			.isEqualTo("/IWBEP/CM_MGW_RT/022")
			.jsonPath("$.error.message.value")
			.isEqualTo("The value of property 'ConfirmationText' has 41 characters; the property holds at most 40"
					+ " (MaxLength 40)");
		this.erp.post(CONFIRMATIONS + "/ProdnOrdConf2", confirmation.replace("\"40\"", "\"40.0005\""))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.message.value")
			.isEqualTo("The value 40.0005 of property 'ConfirmationYieldQuantity' does not fit Edm.Decimal with"
					+ " Precision 13 and Scale 3");
		this.erp.post(CONFIRMATIONS + "/ProdnOrdConf2", confirmation.replace("\"40\"", "\"12345678901\""))
			.expectStatus()
			.isBadRequest();
		// nothing was booked by the refused writes; the value at the limit is kept whole
		this.erp.post(CONFIRMATIONS + "/ProdnOrdConf2", fits)
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.d.ConfirmationText")
			.isEqualTo("x".repeat(40))
			.jsonPath("$.d.ConfirmationYieldQuantity")
			.isEqualTo("40.000");
	}

	@Test
	void should_cancel_a_confirmation_and_take_its_quantities_back() {
		String posted = this.erp
			.post(CONFIRMATIONS + "/ProdnOrdConf2", CONFIRMATION.formatted("6f1c2d3e-0000-4000-8000-000000000005"))
			.expectStatus()
			.isCreated()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		String group = JsonPath.read(posted, "$.d.ConfirmationGroup");
		String count = JsonPath.read(posted, "$.d.ConfirmationCount");

		assertThat(group).hasSize(10);
		assertThat(count).hasSize(8);
		this.erp
			.post(CONFIRMATIONS + "/CancelProdnOrdConf?ConfirmationGroup='" + group + "'&ConfirmationCount='" + count
					+ "'", "")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.d.IsReversal")
			.isEqualTo(true);
		this.erp.get(ORDERS
				+ "/A_ProductionOrder_2('1000001')/to_ProductionOrderOperation?$filter=ManufacturingOrderOperation eq '0010'")
			.expectBody()
			.jsonPath("$.d.results[0].OpTotalConfirmedYieldQty")
			.isEqualTo("0.000");
	}

	@Test
	void should_update_an_order_only_with_its_current_etag() {
		String etag = this.erp.get(ORDERS + "/A_ProductionOrder_2('1000002')")
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseHeaders()
			.getETag();
		String change = "{\"ManufacturingOrderText\":\"Rush order\"}";

		this.erp.patch(ORDERS + "/A_ProductionOrder_2('1000002')", change, (headers) -> {
		}).expectStatus().isEqualTo(428);
		this.erp.patch(ORDERS + "/A_ProductionOrder_2('1000002')", change, (headers) -> headers.setIfMatch("W/\"'1'\""))
			.expectStatus()
			.isEqualTo(412);
		this.erp.patch(ORDERS + "/A_ProductionOrder_2('1000002')", change, (headers) -> headers.setIfMatch(etag))
			.expectStatus()
			.isNoContent();
		this.erp
			.patch(ORDERS + "/A_ProductionOrder_2('1000002')", "{\"OrderIsReleased\":\"X\"}",
					(headers) -> headers.setIfMatch("*"))
			.expectStatus()
			.isBadRequest();
		this.erp.get(ORDERS + "/A_ProductionOrder_2('1000002')")
			.expectBody()
			.jsonPath("$.d.ManufacturingOrderText")
			.isEqualTo("Rush order");
	}

}
