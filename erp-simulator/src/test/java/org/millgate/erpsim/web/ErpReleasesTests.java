package org.millgate.erpsim.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.millgate.erpsim.ErpSimulatorApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.erpsim.web.SimulatorClient.ORDERS;
import static org.millgate.erpsim.web.SimulatorClient.STOCK;

/**
 * The three releases differ the way real upgrades do: renamed actions, entity sets and
 * properties, and a service moved to OData v4. Each runs as its own simulator over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErpReleasesTests {

	private static final String STOCK_V4 = "/sap/opu/odata4/sap/api_materialstock/srvd_a2x/sap/materialstock/0001";

	private final Map<String, ConfigurableApplicationContext> simulators = new HashMap<>();

	@BeforeAll
	void startReleases() {
		for (String release : List.of("2020", "2022", "2023")) {
			this.simulators.put(release,
					new SpringApplicationBuilder(ErpSimulatorApplication.class).run(ErpSimulatorApplication.CONFIG_NAME,
							"--server.port=0", "--erp.release=" + release, "--erp.page-size=5",
							"--spring.main.banner-mode=off", "--logging.level.root=WARN"));
		}
	}

	@AfterAll
	void stopReleases() {
		this.simulators.values().forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void should_name_the_old_actions_components_and_planned_quantity_in_2020() {
		SimulatorClient erp = client("2020");

		erp.get(ORDERS + "/$metadata")
			.expectBody(String.class)
			.value((xml) -> assertThat(xml)
				.contains("FunctionImport Name=\"ReleaseProductionOrder\"",
						"EntitySet Name=\"A_ProductionOrderComponent_2\"", "Property Name=\"MfgOrderPlannedTotalQty\"")
				.doesNotContain("FunctionImport Name=\"ReleaseOrder\"", "A_ProductionOrderComponent_3",
						"Property Name=\"TotalQuantity\""));
		erp.get(ORDERS + "/A_ProductionOrder_2('1000001')")
			.expectBody()
			.jsonPath("$.d.MfgOrderPlannedTotalQty")
			.isEqualTo("100.000")
			.jsonPath("$.d.TotalQuantity")
			.doesNotExist();
		erp.post(ORDERS + "/ReleaseOrder?ManufacturingOrder='1000002'", "").expectStatus().isNotFound();
		erp.post(ORDERS + "/ReleaseProductionOrder?ManufacturingOrder='1000002'", "")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.d.ReleaseProductionOrder.SystemMessageType")
			.isEqualTo("S");
	}

	@Test
	void should_name_the_new_actions_components_and_planned_quantity_from_2022() {
		for (String release : List.of("2022", "2023")) {
			SimulatorClient erp = client(release);

			erp.get(ORDERS + "/$metadata")
				.expectBody(String.class)
				.value((xml) -> assertThat(xml).contains("FunctionImport Name=\"ReleaseOrder\"",
						"EntitySet Name=\"A_ProductionOrderComponent_3\"", "Property Name=\"TotalQuantity\""));
			erp.get(ORDERS + "/A_ProductionOrder_2('1000001')/to_ProductionOrderComponent")
				.expectBody()
				.jsonPath("$.d.results.length()")
				.isEqualTo(3);
		}
	}

	@Test
	void should_serve_material_stock_as_odata_v4_in_2023() {
		SimulatorClient erp = client("2023");

		erp.get(STOCK + "/A_MatlStkInAcctMod").expectStatus().isNotFound();
		erp.get(STOCK_V4 + "/A_MatlStkInAcctMod?$filter=Material eq 'FG-100'&$count=true")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.value[0].MatlWrhsStkQtyInMatlBaseUnit")
			.value((quantity) -> assertThat(quantity).isInstanceOf(Number.class))
			.jsonPath("$['@odata.count']")
			.value((count) -> assertThat((Integer) count).isGreaterThan(0))
			.jsonPath("$.d")
			.doesNotExist();
		erp.get(STOCK_V4 + "/A_MatlStkInAcctMod")
			.expectBody()
			.jsonPath("$.value.length()")
			.isEqualTo(5)
			.jsonPath("$['@odata.nextLink']")
			.value((next) -> assertThat((String) next).contains("$skiptoken=5"));
		erp.get(STOCK_V4 + "/$metadata")
			.expectBody(String.class)
			.value((xml) -> assertThat(xml).contains("<edmx:Edmx Version=\"4.0\""));
	}

	@Test
	void should_keep_material_stock_on_odata_v2_before_2023() {
		client("2022").get(STOCK + "/A_MatlStkInAcctMod?$top=1")
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.d.results[0].MatlWrhsStkQtyInMatlBaseUnit")
			.value((quantity) -> assertThat(quantity).isInstanceOf(String.class));
	}

	private SimulatorClient client(String release) {
		int port = ((WebServerApplicationContext) this.simulators.get(release)).getWebServer().getPort();
		return new SimulatorClient(WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build());
	}

}
