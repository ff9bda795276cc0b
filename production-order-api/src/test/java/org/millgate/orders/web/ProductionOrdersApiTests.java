package org.millgate.orders.web;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.orders.idempotency.IdempotencyStore;
import org.millgate.testing.TestTokens;
import org.millgate.testing.contracts.ContractResponses;
import org.millgate.testing.erp.ErpSimulator;
import org.millgate.testing.product.ProductTest;
import org.millgate.web.JsonText;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.millgate.testing.contracts.ContractRouteAssertions.assertServesItsContracts;
import static org.millgate.testing.problems.ProblemAssertions.assertProblem;
import static org.millgate.testing.problems.ProblemAssertions.body;

/**
 * Every operation over HTTP against the ERP simulator, with real signed tokens; every
 * response is checked against the contract.
 */
@ProductTest
class ProductionOrdersApiTests {

	private static final ContractResponses CONTRACT = ContractResponses.of("production-orders");

	private static final ErpSimulator ERP = ErpSimulator.shared();

	private static final String MES_1000 = TestTokens.get()
		.token("mes-plant-1000", "production-orders:read production-orders:write", List.of("1000"));

	private static final String READER_1000 = TestTokens.get()
		.token("reader-1000", "production-orders:read", List.of("1000"));

	private static final String ORDERS = "/sap/opu/odata/sap/API_PRODUCTION_ORDER_2_SRV";

	private static final String CONFIRMATION = """
			{"operation":"0010","yieldQuantity":%s,"scrapQuantity":0,"unit":"%s","finalConfirmation":false}""";

	@Autowired
	WebTestClient client;

	@LocalServerPort
	int port;

	@Autowired
	IdempotencyStore keys;

	@BeforeEach
	void resetErp() {
		ERP.reset();
	}

	@Test
	void should_list_only_the_callers_plants_and_page_with_a_cursor() {
		EntityExchangeResult<byte[]> first = call(HttpMethod.GET, "/v1/production-orders?limit=30", MES_1000, null,
				(headers) -> {
				});
		List<String> plants = JsonPath.read(body(first), "$.items[*].plant");
		String cursor = JsonPath.read(body(first), "$.nextCursor");

		assertThat(first.getStatus().value()).isEqualTo(200);
		assertThat(plants).hasSize(30).containsOnly("1000");
		assertThat(cursor).isNotNull();

		EntityExchangeResult<byte[]> second = call(HttpMethod.GET, "/v1/production-orders?limit=30&cursor=" + cursor,
				MES_1000, null, (headers) -> {
				});
		List<String> firstIds = JsonPath.read(body(first), "$.items[*].orderId");
		List<String> secondIds = JsonPath.read(body(second), "$.items[*].orderId");
		assertThat(secondIds).hasSize(30).doesNotContainAnyElementsOf(firstIds);
	}

	@Test
	void should_answer_an_empty_page_for_a_plant_outside_the_token() {
		EntityExchangeResult<byte[]> result = call(HttpMethod.GET, "/v1/production-orders?plant=2000", MES_1000, null,
				(headers) -> {
				});

		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat((List<?>) JsonPath.read(body(result), "$.items")).isEmpty();
	}

	@Test
	void should_filter_by_canonical_status() {
		EntityExchangeResult<byte[]> result = call(HttpMethod.GET, "/v1/production-orders?status=TECHNICALLY_COMPLETED",
				MES_1000, null, (headers) -> {
				});

		List<String> statuses = JsonPath.read(body(result), "$.items[*].status");
		assertThat(statuses).isNotEmpty().containsOnly("TECHNICALLY_COMPLETED");
		assertThat((List<String>) JsonPath.read(body(result), "$.items[*].orderId")).contains("1000003");
	}

	@Test
	void should_refuse_a_forged_cursor() {
		EntityExchangeResult<byte[]> result = call(HttpMethod.GET,
				"/v1/production-orders?cursor=eyJrIjoiMTAwMDAwMDEyMyJ9c2lnbmF0dXJl", MES_1000, null, (headers) -> {
				});

		assertProblem(result, 400, "cursor.invalid");
	}

	@Test
	void should_read_an_order_with_operations_components_and_an_etag() {
		EntityExchangeResult<byte[]> result = call(HttpMethod.GET, "/v1/production-orders/1000001", MES_1000, null,
				(headers) -> {
				});

		assertThat(result.getStatus().value()).isEqualTo(200);
		assertThat(result.getResponseHeaders().getETag()).matches("^\"[^\"]{1,128}\"$");
		assertThat((String) JsonPath.read(body(result), "$.status")).isEqualTo("RELEASED");
		assertThat((String) JsonPath.read(body(result), "$.quantities.unit")).isEqualTo("H87");
		assertThat((List<String>) JsonPath.read(body(result), "$.routing.operations[*].operation"))
			.containsExactly("0010", "0020");
		assertThat((List<?>) JsonPath.read(body(result), "$.components")).hasSize(3);
	}

	@Test
	void should_describe_the_material_with_the_material_masters_text_not_the_orders_own_text() {
		// a planner renames the order in the ERP; the material stays what it is
		ERP.write(HttpMethod.PATCH, ORDERS, "A_ProductionOrder_2('1000001')",
				"{\"ManufacturingOrderText\":\"Rush order for line 4\"}");
		String material = (String) ERP
			.read("/sap/opu/odata/sap/API_PRODUCT_SRV/A_ProductDescription(Product='FG-100',Language='EN')")
			.get(0)
			.get("ProductDescription");

		for (String version : List.of("v1", "v2")) {
			EntityExchangeResult<byte[]> order = call(HttpMethod.GET, "/" + version + "/production-orders/1000001",
					MES_1000, null, (headers) -> {
					});

			assertThat((String) JsonPath.read(body(order), "$.materialDescription")).as(version)
				.isEqualTo(material)
				.isEqualTo("Filter housing FH-100");
		}
	}

	@Test
	void should_show_the_confirmed_available_quantity_the_erp_keeps_for_each_component() {
		// a component of a plant 1000 order whose availability check confirmed less than
		// it requires
		Map<String, Object> shortfall = ERP.componentConfirmedShort("A_ProductionOrderComponent_3");

		EntityExchangeResult<byte[]> order = call(HttpMethod.GET,
				"/v1/production-orders/" + shortfall.get("ManufacturingOrder"), MES_1000, null, (headers) -> {
				});
		EntityExchangeResult<byte[]> v2 = call(HttpMethod.GET,
				"/v2/production-orders/" + shortfall.get("ManufacturingOrder"), MES_1000, null, (headers) -> {
				});

		String item = "[?(@.reservationItem == '" + shortfall.get("ReservationItem") + "')]";
		assertThat((List<Number>) JsonPath.read(body(order), "$.components" + item + ".confirmedAvailableQuantity"))
			.singleElement()
			.satisfies((confirmed) -> assertThat(new BigDecimal(confirmed.toString()))
				.isEqualByComparingTo((String) shortfall.get("ConfirmedAvailableQuantity")));
		assertThat((List<Number>) JsonPath.read(body(v2), "$.components" + item + ".confirmedAvailable.value"))
			.singleElement()
			.satisfies((confirmed) -> assertThat(new BigDecimal(confirmed.toString()))
				.isEqualByComparingTo((String) shortfall.get("ConfirmedAvailableQuantity"))
				.isNotEqualByComparingTo((String) shortfall.get("RequiredQuantity")));
	}

	@Test
	void should_hide_an_order_of_another_plant_as_not_found() {
		assertProblem(call(HttpMethod.GET, "/v1/production-orders/2000001", MES_1000, null, (headers) -> {
		}), 404, "resource.notFound");
		assertProblem(call(HttpMethod.GET, "/v1/production-orders/9999999", MES_1000, null, (headers) -> {
		}), 404, "resource.notFound");
	}

	@Test
	void should_refuse_missing_tokens_and_missing_scopes() {
		assertProblem(call(HttpMethod.GET, "/v1/production-orders", null, null, (headers) -> {
		}), 401, "auth.tokenInvalid");
		assertProblem(call(HttpMethod.POST, "/v1/production-orders/1000002/release", READER_1000, null, (headers) -> {
		}), 403, "auth.insufficientScope");
		assertProblem(call(HttpMethod.GET, "/v1/production-orders",
				TestTokens.get()
					.tokenWith("production-orders:read production-orders:write", Map.of("aud", "someone-else")),
				null, (headers) -> {
				}), 401, "auth.tokenInvalid");
	}

	@Test
	void should_release_a_created_order_only() {
		EntityExchangeResult<byte[]> released = call(HttpMethod.POST, "/v1/production-orders/1000002/release", MES_1000,
				null, (headers) -> {
				});

		assertThat(released.getStatus().value()).isEqualTo(200);
		assertThat((String) JsonPath.read(body(released), "$.status")).isEqualTo("RELEASED");
		assertProblem(call(HttpMethod.POST, "/v1/production-orders/1000002/release", MES_1000, null, (headers) -> {
		}), 409, "order.notReleasable");
		assertProblem(call(HttpMethod.POST, "/v1/production-orders/1000003/release", MES_1000, null, (headers) -> {
		}), 409, "order.notReleasable");
	}

	@Test
	void should_post_a_confirmation_once_and_replay_it_for_the_same_key() {
		String key = "key-" + UUID.randomUUID();
		EntityExchangeResult<byte[]> first = confirm("1000001", key, CONFIRMATION.formatted("10", "H87"));
		EntityExchangeResult<byte[]> replay = confirm("1000001", key, CONFIRMATION.formatted("10", "H87"));

		assertThat(first.getStatus().value()).isEqualTo(201);
		assertThat(replay.getStatus().value()).isEqualTo(201);
		assertThat(replay.getResponseHeaders().getFirst("Idempotency-Replayed")).isEqualTo("true");
		assertThat(body(replay)).isEqualTo(body(first));
		assertThat(ERP.bookedConfirmations("1000001")).isEqualTo(1);
		assertProblem(confirm("1000001", key, CONFIRMATION.formatted("11", "H87")), 422, "idempotency.keyReused");
	}

	@Test
	void should_book_a_confirmation_whose_caller_hung_up_and_replay_it_to_the_retry() throws Exception {
		// the ERP takes a moment, and the caller (a client timing out, a gateway instance
		// dying) hangs up before it answers
		ERP.fault("confirmations", "{\"latencyMs\":600}");
		String key = "key-" + UUID.randomUUID();
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest hungUp = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/production-orders/1000001/confirmations"))
			.timeout(Duration.ofMillis(300))
			.header("Authorization", "Bearer " + MES_1000)
			.header("Idempotency-Key", key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(CONFIRMATION.formatted("4", "H87")))
			.build();
		assertThatThrownBy(() -> http.send(hungUp, HttpResponse.BodyHandlers.ofString()))
			.isInstanceOf(HttpTimeoutException.class);

		// the retry is told to wait while the booking runs, then gets the booked answer
		EntityExchangeResult<byte[]> retry = confirm("1000001", key, CONFIRMATION.formatted("4", "H87"));
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (retry.getStatus().value() == 409 && System.nanoTime() < deadline) {
			Thread.sleep(100);
			retry = confirm("1000001", key, CONFIRMATION.formatted("4", "H87"));
		}

		assertThat(retry.getStatus().value()).as(body(retry)).isEqualTo(201);
		assertThat(retry.getResponseHeaders().getFirst("Idempotency-Replayed")).isEqualTo("true");
		assertThat(ERP.bookedConfirmations("1000001")).isEqualTo(1);
	}

	@Test
	void should_not_post_twice_even_when_the_key_store_lost_the_key() {
		String key = "key-" + UUID.randomUUID();
		EntityExchangeResult<byte[]> first = confirm("1000001", key, CONFIRMATION.formatted("7", "H87"));
		this.keys.abandon("mes-plant-1000:" + key).block();

		EntityExchangeResult<byte[]> again = confirm("1000001", key, CONFIRMATION.formatted("7", "H87"));

		assertThat(again.getStatus().value()).isEqualTo(201);
		assertThat((String) JsonPath.read(body(again), "$.confirmationId"))
			.isEqualTo(JsonPath.read(body(first), "$.confirmationId"));
		assertThat(ERP.bookedConfirmations("1000001")).isEqualTo(1);
	}

	@Test
	void should_post_exactly_one_erp_confirmation_for_twenty_concurrent_replays_of_one_key() {
		String key = "key-" + UUID.randomUUID();

		List<Integer> statuses = Flux.range(0, 20)
			.flatMap((i) -> Mono
				.fromCallable(() -> this.client.post()
					.uri("/v1/production-orders/1000001/confirmations")
					.headers((headers) -> headers.setBearerAuth(MES_1000))
					.header("Idempotency-Key", key)
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(CONFIRMATION.formatted("5", "H87"))
					.exchange()
					.returnResult(String.class)
					.getStatus()
					.value())
				.subscribeOn(Schedulers.boundedElastic()), 20)
			.collectList()
			.block();

		// Each answer is the confirmation (first or replayed) or "still in flight".
		assertThat(statuses).hasSize(20).isSubsetOf(201, 409).contains(201);
		assertThat(ERP.bookedConfirmations("1000001")).isEqualTo(1);
	}

	@Test
	void should_check_confirmations_before_the_erp_sees_them() {
		assertProblem(confirm("1000002", "key-" + UUID.randomUUID(), CONFIRMATION.formatted("10", "H87")), 409,
				"order.notConfirmable");
		assertProblem(
				confirm("1000001", "key-" + UUID.randomUUID(),
						CONFIRMATION.formatted("10", "H87").replace("0010", "0990")),
				422, "confirmation.unknownOperation");
		assertProblem(confirm("1000001", "key-" + UUID.randomUUID(), CONFIRMATION.formatted("0", "H87")), 422,
				"confirmation.quantityNotPositive");
		assertProblem(confirm("1000001", "key-" + UUID.randomUUID(), CONFIRMATION.formatted("111", "H87")), 422,
				"confirmation.quantityExceeded");
		assertProblem(confirm("1000001", "key-" + UUID.randomUUID(), CONFIRMATION.formatted("1", "KGM")), 422,
				"confirmation.unitNotConvertible");
		assertThat(ERP.calls("confirmations", "POST")).isZero();
	}

	@Test
	void should_confirm_only_the_released_operations_of_a_partially_released_order() {
		// an order of plant 1000 whose first operation alone is released
		String id = (String) ERP
			.read(ORDERS + "/A_ProductionOrder_2?$filter=ProductionPlant eq '1000' and OrderIsPartiallyReleased eq 'X'"
					+ " and OrderIsReleased eq '' and OrderIsLocked eq ''&$orderby=ManufacturingOrder&$top=1")
			.get(0)
			.get("ManufacturingOrder");
		String order = body(call(HttpMethod.GET, "/v1/production-orders/" + id, MES_1000, null, (headers) -> {
		}));
		List<String> released = JsonPath.read(order, "$.routing.operations[?(@.status == 'RELEASED')].operation");
		List<String> created = JsonPath.read(order, "$.routing.operations[?(@.status == 'CREATED')].operation");
		String unit = JsonPath.read(order, "$.quantities.unit");
		String confirmation = "{\"operation\":\"%s\",\"yieldQuantity\":1,\"unit\":\"" + unit
				+ "\",\"finalConfirmation\":false}";

		assertThat((String) JsonPath.read(order, "$.status")).isEqualTo("RELEASED");
		assertThat(released).hasSize(1);
		assertThat(created).isNotEmpty();
		EntityExchangeResult<byte[]> booked = confirm(id, "key-" + UUID.randomUUID(),
				confirmation.formatted(released.get(0)));
		assertThat(booked.getStatus().value()).as(body(booked)).isEqualTo(201);
		long posts = ERP.calls("confirmations", "POST");
		EntityExchangeResult<byte[]> refused = confirm(id, "key-" + UUID.randomUUID(),
				confirmation.formatted(created.get(0)));
		assertProblem(refused, 409, "order.notConfirmable");
		assertThat((String) JsonPath.read(body(refused), "$.detail")).contains("Operation " + created.get(0),
				"not released");
		assertThat(ERP.calls("confirmations", "POST")).as("the unreleased operation never reached the ERP")
			.isEqualTo(posts);
		assertThat(ERP.bookedConfirmations(id)).isEqualTo(1);
	}

	@Test
	void should_refuse_invalid_bodies_and_missing_keys_with_clear_problems() {
		EntityExchangeResult<byte[]> unknownField = confirm("1000001", "key-" + UUID.randomUUID(),
				"{\"operation\":\"0010\",\"yieldQuantity\":1,\"unit\":\"H87\",\"finalConfirmation\":false,\"plant\":\"2000\"}");
		assertProblem(unknownField, 400, "request.invalid");
		assertThat(body(unknownField)).contains("plant");

		EntityExchangeResult<byte[]> noKey = call(HttpMethod.POST, "/v1/production-orders/1000001/confirmations",
				MES_1000, CONFIRMATION.formatted("1", "H87"), (headers) -> {
				});
		assertProblem(noKey, 400, "idempotency.keyMissing");
		assertProblem(call(HttpMethod.GET, "/v1/production-orders?limit=1000", MES_1000, null, (headers) -> {
		}), 400, "request.invalid");
		assertProblem(call(HttpMethod.GET, "/v1/production-orders/10000x1", MES_1000, null, (headers) -> {
		}), 400, "request.invalid");
	}

	@Test
	void should_list_confirmations_of_an_order_in_pages() {
		for (int i = 0; i < 3; i++) {
			assertThat(confirm("1000001", "key-" + UUID.randomUUID(), CONFIRMATION.formatted("1", "H87")).getStatus()
				.value()).isEqualTo(201);
		}
		EntityExchangeResult<byte[]> first = call(HttpMethod.GET, "/v1/production-orders/1000001/confirmations?limit=2",
				MES_1000, null, (headers) -> {
				});
		String cursor = JsonPath.read(body(first), "$.nextCursor");
		EntityExchangeResult<byte[]> second = call(HttpMethod.GET,
				"/v1/production-orders/1000001/confirmations?limit=2&cursor=" + cursor, MES_1000, null, (headers) -> {
				});

		assertThat((List<?>) JsonPath.read(body(first), "$.items")).hasSize(2);
		assertThat((List<?>) JsonPath.read(body(second), "$.items")).hasSize(1);
		assertThat((Object) JsonPath.read(body(second), "$.nextCursor")).isNull();
	}

	@Test
	void should_serve_v2_next_to_v1_from_the_same_order() {
		EntityExchangeResult<byte[]> v1 = call(HttpMethod.GET, "/v1/production-orders/1000001", MES_1000, null,
				(headers) -> {
				});
		EntityExchangeResult<byte[]> v2 = call(HttpMethod.GET, "/v2/production-orders/1000001", MES_1000, null,
				(headers) -> {
				});

		assertThat(v2.getStatus().value()).isEqualTo(200);
		String order = body(v2);
		assertThat((String) JsonPath.read(order, "$.status.code")).isEqualTo("RELEASED");
		assertThat((String) JsonPath.read(order, "$.status.since")).as("the release day")
			.isNotNull()
			.isEqualTo(JsonPath.read(body(v1), "$.schedule.releasedAt"));
		assertThat((Boolean) JsonPath.read(order, "$.status.locked")).isFalse();
		assertThat(((Number) JsonPath.read(order, "$.quantities.planned.value")).doubleValue())
			.isEqualTo(((Number) JsonPath.read(body(v1), "$.quantities.planned")).doubleValue());
		assertThat((String) JsonPath.read(order, "$.quantities.planned.unit")).isEqualTo("H87");
		assertThat((List<String>) JsonPath.read(order, "$.components[*].required.unit")).hasSize(3)
			.containsExactlyElementsOf(JsonPath.read(body(v1), "$.components[*].unit"));
		for (int i = 0; i < 2; i++) {
			String operation = "$.routing.operations[" + i + "].quantities.";
			double planned = ((Number) JsonPath.read(order, operation + "planned.value")).doubleValue();
			double done = ((Number) JsonPath.read(order, operation + "confirmedYield.value")).doubleValue()
					+ ((Number) JsonPath.read(order, operation + "confirmedScrap.value")).doubleValue();
			assertThat(((Number) JsonPath.read(order, operation + "open.value")).doubleValue())
				.isEqualTo(Math.max(0, planned - done));
		}
		EntityExchangeResult<byte[]> list = call(HttpMethod.GET, "/v2/production-orders?status=RELEASED&limit=5",
				MES_1000, null, (headers) -> {
				});
		assertThat((List<String>) JsonPath.read(body(list), "$.items[*].status.code")).isNotEmpty()
			.containsOnly("RELEASED");
		assertThat((List<String>) JsonPath.read(body(list), "$.items[*].quantities.planned.unit")).doesNotContainNull();
	}

	@Test
	void should_confirm_in_v2_shapes_once_per_key_and_refuse_mixed_units() {
		String key = "key-" + UUID.randomUUID();
		String confirmation = "{\"operation\":\"0010\",\"yield\":{\"value\":4,\"unit\":\"H87\"},"
				+ "\"scrap\":{\"value\":1,\"unit\":\"%s\"},\"finalConfirmation\":false}";
		EntityExchangeResult<byte[]> first = confirmV2("1000001", key, confirmation.formatted("H87"));
		EntityExchangeResult<byte[]> replay = confirmV2("1000001", key, confirmation.formatted("H87"));

		assertThat(first.getStatus().value()).as(body(first)).isEqualTo(201);
		assertThat(((Number) JsonPath.read(body(first), "$.yield.value")).doubleValue()).isEqualTo(4.0);
		assertThat((String) JsonPath.read(body(first), "$.scrap.unit")).isEqualTo("H87");
		assertThat(replay.getResponseHeaders().getFirst("Idempotency-Replayed")).isEqualTo("true");
		assertThat(body(replay)).isEqualTo(body(first));
		assertThat(ERP.bookedConfirmations("1000001")).isEqualTo(1);

		EntityExchangeResult<byte[]> mixed = confirmV2("1000001", "key-" + UUID.randomUUID(),
				confirmation.formatted("KGM"));
		assertProblem(mixed, 400, "request.invalid");
		assertThat((List<String>) JsonPath.read(body(mixed), "$.errors[*].pointer")).containsExactly("/scrap/unit");
		assertProblem(confirmV2("1000001", "key-" + UUID.randomUUID(), CONFIRMATION.formatted("1", "H87")), 400,
				"request.invalid");
		EntityExchangeResult<byte[]> listed = call(HttpMethod.GET, "/v2/production-orders/1000001/confirmations",
				MES_1000, null, (headers) -> {
				});
		assertThat((List<String>) JsonPath.read(body(listed), "$.items[*].yield.unit")).containsExactly("H87");
		assertThat(ERP.bookedConfirmations("1000001")).isEqualTo(1);
	}

	@Test
	void should_replay_a_v1_confirmation_retried_on_v2_with_the_same_key_in_v2_shape() {
		String key = "key-" + UUID.randomUUID();
		EntityExchangeResult<byte[]> v1 = confirm("1000001", key, CONFIRMATION.formatted("6", "H87"));
		EntityExchangeResult<byte[]> v2 = confirmV2("1000001", key, "{\"operation\":\"0010\",\"yield\":{\"value\":6,"
				+ "\"unit\":\"H87\"},\"scrap\":{\"value\":0,\"unit\":\"H87\"},\"finalConfirmation\":false}");

		assertThat(v1.getStatus().value()).isEqualTo(201);
		assertThat(v2.getStatus().value()).as(body(v2)).isEqualTo(201);
		assertThat(v2.getResponseHeaders().getFirst("Idempotency-Replayed")).isEqualTo("true");
		assertThat((String) JsonPath.read(body(v2), "$.confirmationId"))
			.isEqualTo(JsonPath.read(body(v1), "$.confirmationId"));
		assertThat((String) JsonPath.read(body(v2), "$.yield.unit")).isEqualTo("H87");
		// reshaped from the v1 answer, its numbers keep their three decimals
		assertThat(body(v2)).contains("\"value\":6.000", "\"value\":0.000");
		assertThat(ERP.bookedConfirmations("1000001")).isEqualTo(1);
	}

	@Test
	void should_replay_a_v1_confirmation_with_zero_scrap_retried_on_v2_without_scrap_and_in_other_spellings() {
		String key = "key-" + UUID.randomUUID();
		EntityExchangeResult<byte[]> v1 = confirm("1000001", key, CONFIRMATION.formatted("7", "H87"));
		EntityExchangeResult<byte[]> v2 = confirmV2("1000001", key,
				"{\"operation\":\"0010\",\"yield\":{\"value\":7,\"unit\":\"H87\"},\"finalConfirmation\":false}");
		EntityExchangeResult<byte[]> spelled = confirm("1000001", key,
				"{\"finalConfirmation\":false,\"unit\":\"H87\",\"yieldQuantity\":7.0E0,\"operation\":\"0010\"}");

		assertThat(v1.getStatus().value()).as(body(v1)).isEqualTo(201);
		for (EntityExchangeResult<byte[]> retry : List.of(v2, spelled)) {
			assertThat(retry.getStatus().value()).as(body(retry)).isEqualTo(201);
			assertThat(retry.getResponseHeaders().getFirst("Idempotency-Replayed")).isEqualTo("true");
			assertThat((String) JsonPath.read(body(retry), "$.confirmationId"))
				.isEqualTo(JsonPath.read(body(v1), "$.confirmationId"));
		}
		assertThat(ERP.bookedConfirmations("1000001")).isEqualTo(1);
	}

	@Test
	void should_book_or_refuse_with_a_4xx_every_contract_valid_confirmation_on_every_fixture_order() {
		List<String> bodies = List.of(CONFIRMATION.formatted("1", "H87"),
				"{\"operation\":\"0020\",\"yieldQuantity\":0.0005,\"unit\":\"H87\",\"finalConfirmation\":true}",
				"{\"operation\":\"0010\",\"yieldQuantity\":1E+12,\"scrapQuantity\":1E+12,\"unit\":\"KGM\","
						+ "\"finalConfirmation\":false}",
				"{\"operation\":\"9999\",\"yieldQuantity\":2,\"unit\":\"ZZ9\",\"finalConfirmation\":false,"
						+ "\"postingDate\":\"2099-12-31\",\"executionStart\":\"2026-03-05T14:00:00Z\","
						+ "\"executionEnd\":\"2026-03-05T06:00:00Z\",\"varianceReason\":\"ZZZZ\",\"note\":\""
						+ "n".repeat(200) + "\"}");
		List<String> answers = new ArrayList<>();
		for (long order = 1_000_001; order <= 1_000_111; order++) {
			for (String body : (order <= 1_000_004) ? bodies : List.of(bodies.get((int) (order % bodies.size())))) {
				EntityExchangeResult<byte[]> result = confirm(Long.toString(order), "key-" + UUID.randomUUID(), body);
				int status = result.getStatus().value();
				answers.add(order + " " + status);
				assertThat(status).as("order %s, body %s: %s", order, body, body(result)).isLessThan(500);
				if (status != 201) {
					assertThat(status).isBetween(400, 499);
					assertThat((String) JsonPath.read(body(result), "$.code")).isNotBlank();
				}
			}
		}
		assertThat(answers).anyMatch((answer) -> answer.endsWith(" 201"))
			.anyMatch((answer) -> answer.endsWith(" 409"))
			.anyMatch((answer) -> answer.endsWith(" 422"));
	}

	@Test
	void should_answer_a_key_reused_after_its_lifetime_with_the_old_booking_only_for_the_same_work() {
		String key = "key-" + UUID.randomUUID();
		EntityExchangeResult<byte[]> first = confirm("1000001", key, CONFIRMATION.formatted("4", "H87"));
		assertThat(first.getStatus().value()).as(body(first)).isEqualTo(201);
		// the key's lifetime in the store ends; the ERP still holds the booking under the
		// external id made of client and key
		this.keys.abandon("mes-plant-1000:" + key).block();

		EntityExchangeResult<byte[]> otherWork = confirm("1000001", key, CONFIRMATION.formatted("6", "H87"));
		this.keys.abandon("mes-plant-1000:" + key).block();
		EntityExchangeResult<byte[]> sameWork = confirm("1000001", key, CONFIRMATION.formatted("4", "H87"));

		assertProblem(otherWork, 422, "idempotency.keyReused");
		assertThat((String) JsonPath.read(body(otherWork), "$.detail")).contains("order 1000001", "operation 0010",
				"4 H87", "use a new key");
		assertThat(sameWork.getStatus().value()).as(body(sameWork)).isEqualTo(201);
		assertThat((String) JsonPath.read(body(sameWork), "$.confirmationId"))
			.isEqualTo(JsonPath.read(body(first), "$.confirmationId"));
		assertThat(ERP.bookedConfirmations("1000001")).isEqualTo(1);
	}

	@Test
	void should_refuse_a_body_in_another_media_type_with_415() {
		EntityExchangeResult<byte[]> result = this.client.post()
			.uri("/v2/production-orders/1000001/confirmations")
			.headers((headers) -> headers.setBearerAuth(MES_1000))
			.header("Idempotency-Key", "key-" + UUID.randomUUID())
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("operation=0010&yield=1")
			.exchange()
			.expectBody()
			.returnResult();

		assertProblem(result, 415, "request.unsupportedMediaType");
		assertThat((String) JsonPath.read(body(result), "$.detail")).contains("application/json", "text/plain");
		assertThat(ERP.calls("confirmations", "POST")).isZero();
	}

	@Test
	void should_replay_a_key_claimed_before_the_upgrade_with_the_fingerprint_of_the_bodys_text() throws Exception {
		String key = "key-" + UUID.randomUUID();
		String body = CONFIRMATION.formatted("3", "H87");
		String legacy = HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256")
				.digest(("1000001\n" + JsonText.canonical(JsonText.read(body.getBytes(StandardCharsets.UTF_8))))
					.getBytes(StandardCharsets.UTF_8)));
		// the first booking, as the release before answered it
		String booked = body(confirm("1000001", "key-" + UUID.randomUUID(), body));
		this.keys.claim("mes-plant-1000:" + key, legacy).block();
		this.keys.complete("mes-plant-1000:" + key, legacy, 201, booked, null).block();

		EntityExchangeResult<byte[]> retry = confirm("1000001", key, body);

		assertThat(retry.getStatus().value()).as(body(retry)).isEqualTo(201);
		assertThat(retry.getResponseHeaders().getFirst("Idempotency-Replayed")).isEqualTo("true");
		assertThat(body(retry)).isEqualTo(booked);
		assertThat(ERP.bookedConfirmations("1000001")).isEqualTo(1);
	}

	@Test
	void should_book_the_contracts_own_confirmation_examples_on_a_fixture_order() {
		for (String version : List.of("v1", "v2")) {
			ERP.reset();
			JsonNode example = new OpenApiTree(
					ContractCatalog.load().contract("production-orders", version).orElseThrow().tree())
				.root()
				.path("components")
				.path("schemas")
				.path("ConfirmationRequest")
				.path("example");
			EntityExchangeResult<byte[]> booked = call(HttpMethod.POST,
					"/" + version + "/production-orders/1000001/confirmations", MES_1000, example.toString(),
					(headers) -> headers.set("Idempotency-Key", "key-" + UUID.randomUUID()));

			assertThat(example.isObject()).as("%s has an example", version).isTrue();
			assertThat(booked.getStatus().value()).as("%s example: %s", version, body(booked)).isEqualTo(201);
			assertThat(ERP.bookedConfirmations("1000001")).isEqualTo(1);
		}
	}

	@Test
	void should_refuse_a_note_or_a_quantity_beyond_what_the_erp_keeps_whole_and_never_cut_it() {
		long posts = ERP.calls("confirmations", "POST");
		String longNote = "{\"operation\":\"0010\",\"yieldQuantity\":1,\"unit\":\"H87\",\"finalConfirmation\":false,"
				+ "\"note\":\"" + "n".repeat(41) + "\"}";
		EntityExchangeResult<byte[]> note = confirm("1000001", "key-" + UUID.randomUUID(), longNote);
		EntityExchangeResult<byte[]> decimals = confirm("1000001", "key-" + UUID.randomUUID(),
				CONFIRMATION.formatted("1.0005", "H87"));

		assertProblem(note, 422, "erp.limitExceeded");
		assertThat((String) JsonPath.read(body(note), "$.detail")).contains("41 characters", "at most 40");
		assertProblem(decimals, 422, "erp.limitExceeded");
		assertThat((String) JsonPath.read(body(decimals), "$.detail")).contains("1.0005",
				"a quantity in H87 (piece) has no decimals", "nothing was sent to the ERP");
		assertThat((List<String>) JsonPath.read(body(decimals), "$.errors[*].pointer"))
			.containsExactly("/yieldQuantity");
		EntityExchangeResult<byte[]> piece = confirm("1000001", "key-" + UUID.randomUUID(),
				CONFIRMATION.formatted("1.5", "H87"));
		assertProblem(piece, 422, "erp.limitExceeded");
		assertThat((String) JsonPath.read(body(piece), "$.detail"))
			.startsWith("1.5 H87 has 1 decimal; a quantity in H87 (piece) has no decimals");
		assertThat(ERP.calls("confirmations", "POST")).as("nothing reached the ERP").isEqualTo(posts);
		// a refused request frees its key: the same key with a note that fits is booked
		String key = "key-" + UUID.randomUUID();
		assertProblem(confirm("1000001", key, longNote), 422, "erp.limitExceeded");
		EntityExchangeResult<byte[]> fits = confirm("1000001", key, longNote.replace("n".repeat(41), "n".repeat(40)));
		assertThat(fits.getStatus().value()).as(body(fits)).isEqualTo(201);
	}

	@Test
	void should_validate_encoded_version_paths_and_refuse_versions_it_does_not_serve() {
		// only the contract check refuses a negative scrap: "/%762/" must be checked as
		// v2
		String negativeScrap = "{\"operation\":\"0010\",\"yield\":{\"value\":4,\"unit\":\"H87\"},"
				+ "\"scrap\":{\"value\":-1,\"unit\":\"H87\"},\"finalConfirmation\":false}";
		EntityExchangeResult<byte[]> encoded = this.client.post()
			.uri(URI.create("http://127.0.0.1:" + this.port + "/%762/production-orders/1000001/confirmations"))
			.headers((headers) -> headers.setBearerAuth(MES_1000))
			.header("Idempotency-Key", "key-" + UUID.randomUUID())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(negativeScrap)
			.exchange()
			.expectBody()
			.returnResult();
		assertProblem(encoded, 400, "request.invalid");
		assertThat((List<String>) JsonPath.read(body(encoded), "$.errors[*].pointer")).containsExactly("/scrap");

		EntityExchangeResult<byte[]> v3 = this.client.get()
			.uri("/v3/production-orders/1000001")
			.headers((headers) -> headers.setBearerAuth(MES_1000))
			.exchange()
			.expectBody()
			.returnResult();
		assertProblem(v3, 404, "version.unknown");
		assertThat(body(v3)).contains("v1, v2");
		assertThat(ERP.calls("confirmations", "POST")).isZero();
	}

	@Test
	void should_answer_503_with_retry_after_when_the_erp_is_down_and_504_when_it_is_slow() {
		ERP.fault("production-orders", "{\"outage\":true}");
		EntityExchangeResult<byte[]> down = call(HttpMethod.GET, "/v1/production-orders/1000001", MES_1000, null,
				(headers) -> {
				});
		assertProblem(down, 503, "erp.unavailable");
		assertThat(down.getResponseHeaders().getFirst("Retry-After")).matches("\\d+");
		assertThat(body(down)).doesNotContain("IWFND", "Service Unavailable", "html");

		ERP.fault("production-orders", "{\"latencyMs\":1500}");
		assertProblem(call(HttpMethod.GET, "/v1/production-orders/1000001", MES_1000, null, (headers) -> {
		}), 504, "erp.timeout");
	}

	@Test
	void should_carry_the_callers_correlation_id_to_the_response() {
		EntityExchangeResult<byte[]> result = call(HttpMethod.GET, "/v1/production-orders/1000001", MES_1000, null,
				(headers) -> headers.set("X-Correlation-Id", "plant-1000-line-4-0001"));

		assertThat(result.getResponseHeaders().getFirst("X-Correlation-Id")).isEqualTo("plant-1000-line-4-0001");
		assertThat(result.getResponseHeaders().getFirst("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
	}

	@Test
	void should_serve_its_contract_and_a_swagger_ui_pointed_at_it() {
		assertServesItsContracts(this.port, "production-orders", List.of("v1", "v2"));
	}

	private EntityExchangeResult<byte[]> confirmV2(String order, String key, String body) {
		return call(HttpMethod.POST, "/v2/production-orders/" + order + "/confirmations", MES_1000, body,
				(headers) -> headers.set("Idempotency-Key", key));
	}

	private EntityExchangeResult<byte[]> confirm(String order, String key, String body) {
		return call(HttpMethod.POST, "/v1/production-orders/" + order + "/confirmations", MES_1000, body,
				(headers) -> headers.set("Idempotency-Key", key));
	}

	private EntityExchangeResult<byte[]> call(HttpMethod method, String uri, String token, String body,
			Consumer<HttpHeaders> headers) {
		WebTestClient.RequestBodySpec request = this.client.method(method).uri(uri).headers((h) -> {
			if (token != null) {
				h.setBearerAuth(token);
			}
			headers.accept(h);
		});
		WebTestClient.RequestHeadersSpec<?> spec = (body != null)
				? request.contentType(MediaType.APPLICATION_JSON).bodyValue(body) : request;
		EntityExchangeResult<byte[]> result = spec.exchange().expectBody().returnResult();
		assertThat(result.getResponseHeaders().getFirst("X-Correlation-Id")).isNotBlank();
		CONTRACT.assertKeepsContract(result);
		return result;
	}

}
