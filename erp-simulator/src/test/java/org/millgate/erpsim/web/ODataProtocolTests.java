package org.millgate.erpsim.web;

import java.util.List;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.erpsim.web.SimulatorClient.ORDERS;
import static org.millgate.erpsim.web.SimulatorClient.STOCK;

/**
 * The OData protocol as SAP Gateway serves it, over real HTTP, on the default release.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.config.name=erp-simulator")
@AutoConfigureWebTestClient
class ODataProtocolTests {

	@Autowired
	WebTestClient webTestClient;

	SimulatorClient erp;

	@BeforeEach
	void setUp() {
		this.erp = new SimulatorClient(this.webTestClient);
		this.webTestClient.post().uri("/_sim/reset").exchange().expectStatus().isNoContent();
	}

	@Test
	void should_refuse_a_call_without_credentials() {
		this.erp.getAnonymous(ORDERS + "/A_ProductionOrder_2")
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value("WWW-Authenticate", (value) -> assertThat(value).startsWith("Basic realm="));
	}

	@Test
	void should_wrap_a_collection_in_d_results_with_an_inline_count() {
		this.erp.get(ORDERS + "/A_ProductionOrder_2?$top=2&$inlinecount=allpages")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.d.results.length()")
			.isEqualTo(2)
			.jsonPath("$.d.__count")
			.value((count) -> assertThat(Integer.parseInt((String) count)).isGreaterThanOrEqualTo(200))
			.jsonPath("$.d.__next")
			.doesNotExist();
	}

	@Test
	void should_page_on_the_server_and_link_the_next_page_when_no_top_is_given() {
		byte[] first = this.erp.get(ORDERS + "/A_ProductionOrder_2?$inlinecount=allpages&$select=ManufacturingOrder")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.d.results.length()")
			.isEqualTo(100)
			.jsonPath("$.d.__next")
			.value((next) -> assertThat((String) next).contains("$skiptoken=100", "$select=ManufacturingOrder"))
			.returnResult()
			.getResponseBody();
		String next = JsonPath.read(new String(first), "$.d.__next");

		this.erp.get(next.substring(next.indexOf("/sap/")))
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.d.results[0].ManufacturingOrder")
			.exists()
			.jsonPath("$.d.results[0].TotalQuantity")
			.doesNotExist();
	}

	@Test
	void should_serve_an_entity_with_metadata_etag_and_sap_value_formats() {
		this.erp.get(ORDERS + "/A_ProductionOrder_2('1000001')")
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("ETag", (value) -> assertThat(value).startsWith("W/\"'"))
			.expectBody()
			.jsonPath("$.d.__metadata.type")
			.isEqualTo("API_PRODUCTION_ORDER_2_SRV.A_ProductionOrder_2Type")
			.jsonPath("$.d.ManufacturingOrder")
			.isEqualTo("1000001")
			.jsonPath("$.d.Material")
			.isEqualTo("FG-100")
			.jsonPath("$.d.TotalQuantity")
			.value((quantity) -> assertThat(quantity).isInstanceOf(String.class))
			.jsonPath("$.d.OrderIsReleased")
			.isEqualTo("X")
			.jsonPath("$.d.MfgOrderPlannedStartDate")
			.value((date) -> assertThat((String) date).matches("/Date\\(\\d+\\)/"))
			.jsonPath("$.d.to_ProductionOrderOperation.__deferred.uri")
			.value((uri) -> assertThat((String) uri)
				.endsWith("A_ProductionOrder_2('1000001')/to_ProductionOrderOperation"));
	}

	@Test
	void should_filter_with_a_real_parser() {
		this.erp
			.get(ORDERS + "/A_ProductionOrder_2?$filter=ProductionPlant eq '1000' and (OrderIsReleased eq 'X' and "
					+ "OrderIsTechnicallyCompleted ne 'X')&$select=ManufacturingOrder&$top=500")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.d.results[*].ManufacturingOrder")
			.value((orders) -> assertThat((List<Object>) orders).contains("1000001")
				.doesNotContain("1000002", "1000003", "2000001"));
	}

	@Test
	void should_answer_a_malformed_filter_with_an_odata_error_not_a_500() {
		this.erp.get(ORDERS + "/A_ProductionOrder_2?$filter=ProductionPlant eq '1000")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.error.code")
			.exists()
			.jsonPath("$.error.message.lang")
			.isEqualTo("en")
			.jsonPath("$.error.message.value")
			.exists()
			.jsonPath("$.error.innererror.transactionid")
			.exists();
	}

	@Test
	void should_treat_quotes_in_a_literal_as_data() {
		this.erp.get(ORDERS + "/A_ProductionOrder_2?$filter=ManufacturingOrder eq '1000001'' or ''1'' eq ''1'")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.d.results.length()")
			.isEqualTo(0);
	}

	@Test
	void should_expand_and_navigate() {
		this.erp
			.get(ORDERS
					+ "/A_ProductionOrder_2('1000001')?$expand=to_ProductionOrderOperation,to_ProductionOrderComponent")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.d.to_ProductionOrderOperation.results[*].ManufacturingOrderOperation")
			.value((operations) -> assertThat((List<Object>) operations).containsExactlyInAnyOrder("0010", "0020"))
			.jsonPath("$.d.to_ProductionOrderComponent.results.length()")
			.isEqualTo(3);
		this.erp.get(ORDERS
				+ "/A_ProductionOrder_2('1000001')/to_ProductionOrderOperation?$orderby=ManufacturingOrderOperation desc")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.d.results[0].ManufacturingOrderOperation")
			.isEqualTo("0020");
	}

	@Test
	void should_count_with_dollar_count() {
		this.erp.get(ORDERS + "/A_ProductionOrder_2/$count?$filter=ManufacturingOrder eq '1000001'")
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("1");
	}

	@Test
	void should_reject_unknown_names_and_options_clearly() {
		this.erp.get(ORDERS + "/A_ProductionOrder_2?$select=Nonsense").expectStatus().isBadRequest();
		this.erp.get(ORDERS + "/A_ProductionOrder_2?$orderby=Nonsense").expectStatus().isBadRequest();
		this.erp.get(ORDERS + "/A_ProductionOrder_2?$expand=to_Nothing").expectStatus().isBadRequest();
		this.erp.get(ORDERS + "/A_ProductionOrder_2?$top=-1").expectStatus().isBadRequest();
		this.erp.get(ORDERS + "/A_ProductionOrder_2?$frobnicate=1").expectStatus().isBadRequest();
		this.erp.get(ORDERS + "/A_Nothing").expectStatus().isNotFound();
		this.erp.get(ORDERS + "/A_ProductionOrder_2('9999999')").expectStatus().isNotFound();
		this.erp.get(ORDERS + "/A_ProductionOrder_2?sap-client=200").expectStatus().isBadRequest();
	}

	@Test
	void should_serve_metadata_as_edmx() {
		this.erp.get(ORDERS + "/$metadata")
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((xml) -> assertThat(xml).contains("<edmx:Edmx Version=\"1.0\"",
					"EntitySet Name=\"A_ProductionOrder_2\"", "Property Name=\"TotalQuantity\" Type=\"Edm.Decimal\"",
					"FunctionImport Name=\"ReleaseOrder\""));
	}

	@Test
	void should_serve_material_stock_by_account_model_with_composite_keys() {
		this.erp.get(STOCK + "/A_MatlStkInAcctMod?$filter=Material eq 'FG-100' and Plant eq '1000'")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.d.results[*].InventoryStockType")
			.value((types) -> assertThat((List<Object>) types).contains("01", "02", "06", "07"))
			.jsonPath("$.d.results[0].__metadata.uri")
			.value((uri) -> assertThat((String) uri).contains("A_MatlStkInAcctMod(Material='FG-100',Plant='1000'"));
	}

}
