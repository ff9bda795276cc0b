package org.millgate.contracts.catalog;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.openapi.Operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContractCatalogTests {

	private static ContractCatalog catalog;

	@BeforeAll
	static void load() {
		catalog = ContractCatalog.load();
	}

	@Test
	void should_define_the_three_plans_with_their_limits() {
		assertThat(catalog.plans()).containsExactly(
				new Plan("line-critical", catalog.plan("line-critical").orElseThrow().description(), Priority.HIGH, 200,
						100, OptionalLong.empty()),
				new Plan("plant-standard", catalog.plan("plant-standard").orElseThrow().description(), Priority.NORMAL,
						100, 50, OptionalLong.empty()),
				new Plan("partner-basic", catalog.plan("partner-basic").orElseThrow().description(), Priority.LOW, 10,
						5, OptionalLong.of(10_000),
						Optional.of(new Plan.PartnerLimits(20, 10, OptionalLong.of(20_000)))));
	}

	@Test
	void should_list_each_product_with_owner_scopes_versions_and_consumers() {
		assertThat(catalog.products()).extracting(Product::id)
			.containsExactly("production-orders", "inventory", "shipments", "reconciliation", "master-data");
		Product orders = catalog.product("production-orders").orElseThrow();
		assertThat(orders.scopes()).containsExactly("production-orders:read", "production-orders:write");
		assertThat(orders.owner().email()).isEqualTo("mes-integration@millgate.dev");
		assertThat(orders.version("v1")).hasValueSatisfying((v1) -> {
			assertThat(v1.state()).isEqualTo(Lifecycle.DEPRECATED);
			assertThat(v1.released()).isPresent();
			assertThat(v1.sunset()).hasValue(LocalDate.parse("2027-06-30"));
			assertThat(v1.successor()).hasValue("v2");
			assertThat(v1.contract()).isEqualTo("production-orders/v1.yaml");
		});
		assertThat(orders.version("v2")).hasValueSatisfying((v2) -> {
			assertThat(v2.state()).isEqualTo(Lifecycle.PUBLISHED);
			assertThat(v2.contract()).isEqualTo("production-orders/v2.yaml");
		});
		assertThat(catalog.product("shipments").orElseThrow().consumers()).extracting(Consumer::id)
			.containsExactly("wms", "partner");
		Product reconciliation = catalog.product("reconciliation").orElseThrow();
		assertThat(reconciliation.scopes()).containsExactly("reconciliation:read", "reconciliation:report",
				"reconciliation:manage");
		assertThat(reconciliation.plans()).containsExactly("plant-standard");
		assertThat(reconciliation.version("v1")).hasValueSatisfying((v1) -> {
			assertThat(v1.state()).isEqualTo(Lifecycle.PUBLISHED);
			assertThat(v1.released()).hasValue(LocalDate.parse("2026-12-05"));
			assertThat(v1.contract()).isEqualTo("reconciliation/v1.yaml");
		});
		assertThat(reconciliation.consumers()).extracting(Consumer::id).containsExactly("operations", "wms");
		Product masterData = catalog.product("master-data").orElseThrow();
		assertThat(masterData.scopes()).containsExactly("master-data:read");
		assertThat(masterData.consumers()).extracting(Consumer::id).containsExactly("mes", "wms");
	}

	@Test
	void should_cover_the_whole_public_v1_surface() {
		assertThat(operations("production-orders")).containsExactlyInAnyOrder("GET /v1/production-orders",
				"GET /v1/production-orders/{orderId}", "POST /v1/production-orders/{orderId}/release",
				"POST /v1/production-orders/{orderId}/confirmations",
				"GET /v1/production-orders/{orderId}/confirmations");
		assertThat(operations("inventory")).containsExactlyInAnyOrder("GET /v1/inventory/availability",
				"POST /v1/inventory/availability/queries", "GET /v1/inventory/events");
		assertThat(operations("shipments")).containsExactlyInAnyOrder("GET /v1/shipments",
				"GET /v1/shipments/{shipmentId}", "GET /v1/shipments/events");
		assertThat(operations("reconciliation")).containsExactlyInAnyOrder("POST /v1/reconciliation/stock-counts",
				"POST /v1/reconciliation/shipment-reports", "GET /v1/reconciliation/runs",
				"POST /v1/reconciliation/runs", "GET /v1/reconciliation/runs/{runId}",
				"GET /v1/reconciliation/mismatches", "GET /v1/reconciliation/mismatches/{mismatchId}",
				"POST /v1/reconciliation/mismatches/{mismatchId}/acknowledgement",
				"POST /v1/reconciliation/mismatches/{mismatchId}/resolution",
				"GET /v1/reconciliation/production-orders/{orderId}/lineage");
		assertThat(operations("master-data")).containsExactlyInAnyOrder("GET /v1/materials",
				"GET /v1/materials/{material}", "GET /v1/materials/{material}/bill-of-materials",
				"GET /v1/units-of-measure", "GET /v1/plants", "GET /v1/plants/{plant}/storage-locations");
	}

	@Test
	void should_hand_out_copies_so_that_no_caller_changes_what_another_sees() {
		ContractDocument document = catalog.contract("inventory", "v1").orElseThrow();
		((ObjectNode) document.tree()).remove("paths");

		assertThat(document.tree().has("paths")).isTrue();
		assertThat(document.openApi()).isNotSameAs(document.openApi());
		assertThatThrownBy(() -> catalog.products().clear()).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void should_answer_empty_for_unknown_names() {
		assertThat(catalog.product("payroll")).isEmpty();
		assertThat(catalog.plan("gold")).isEmpty();
		assertThat(catalog.contract("inventory", "v9")).isEmpty();
	}

	private static List<String> operations(String product) {
		ContractDocument document = catalog.contract(product, "v1").orElseThrow();
		return new OpenApiTree(document.tree()).operations().stream().map(Operation::label).toList();
	}

}
