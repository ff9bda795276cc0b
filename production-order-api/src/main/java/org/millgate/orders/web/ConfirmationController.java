package org.millgate.orders.web;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.paging.Cursors;
import org.millgate.contracts.problems.Rejection;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.port.ErpFailure;
import org.millgate.orders.application.ConfirmOrder;
import org.millgate.orders.application.ConfirmationCommand;
import org.millgate.orders.application.OrderQueries;
import org.millgate.orders.idempotency.Claim;
import org.millgate.orders.idempotency.IdempotencyStore;
import org.millgate.product.web.events.OutboxEvent;
import org.millgate.web.Correlation;
import org.millgate.web.JsonText;

/**
 * Confirmations of production order operations: posted once per idempotency key, and
 * listed.
 */
@RestController
@RequestMapping("/{version:v1|v2}/production-orders/{orderId}/confirmations")
final class ConfirmationController {

	private final ConfirmOrder confirm;

	private final OrderQueries queries;

	private final IdempotencyStore keys;

	private final Representations representations;

	private final Cursors cursors;

	ConfirmationController(ConfirmOrder confirm, OrderQueries queries, IdempotencyStore keys,
			Representations representations, Cursors cursors) {
		this.confirm = confirm;
		this.queries = queries;
		this.keys = keys;
		this.representations = representations;
		this.cursors = cursors;
	}

	/** The topic of the production-orders events, v1. */
	static final String TOPIC = "millgate.production-orders.events.v1";

	static final String INTEGRATION_TOPIC = "millgate.integration.events.v1";

	private static final Logger logger = LoggerFactory.getLogger(ConfirmationController.class);

	@PostMapping
	Mono<ResponseEntity<String>> post(Caller caller, @PathVariable String version, @PathVariable String orderId,
			@RequestHeader("Idempotency-Key") String key, @RequestBody byte[] body, ServerWebExchange exchange) {
		String correlationId = Correlation.id(exchange);
		// the trace as this product continued it (validated), not the caller's raw header
		String traceparent = exchange.getResponse().getHeaders().getFirst(Correlation.TRACEPARENT);
		JsonNode json = JsonText.read(body);
		boolean v2 = "v2".equals(version);
		ConfirmationCommand command = v2 ? commandV2(json) : command(json);
		// matched on what the request means: the same confirmation under one key in
		// either version, with or without a zero scrap
		String fingerprint = digest(orderId + "\n" + command.canonical());
		String scopedKey = caller.clientId() + ":" + key;
		// a key claimed before this release, for up to a day, carries the fingerprint of
		// the body's text: matched on that too, so that a retry across an upgrade is
		// still
		// answered from its first booking
		String legacy = digest(orderId + "\n" + JsonText.canonical(v2 ? ConfirmationShapes.requestAsV1(json) : json));
		return this.keys.claim(scopedKey, fingerprint)
			.flatMap((claim) -> (claim instanceof Claim.Mismatch) ? this.keys.claim(scopedKey, legacy)
					: Mono.just(claim))
			.flatMap((claim) -> {
				if (claim instanceof Claim.Replay replay) {
					return Mono.just(answer(replay.status(), ConfirmationShapes.answerIn(replay.body(), v2), true));
				}
				if (claim instanceof Claim.InFlight) {
					return Mono
						.error(new Rejection("idempotency.inFlight", "A request with this Idempotency-Key is still "
								+ "being processed; retry in a moment with the same key."));
				}
				if (claim instanceof Claim.Mismatch) {
					return Mono.error(new Rejection("idempotency.keyReused",
							"This Idempotency-Key was used with a different request; use a new key for a new request."));
				}
				Mono<String> booking = this.confirm
					.confirm(caller, orderId, command, ConfirmOrder.externalId(caller, key),
							(refused) -> reportRefusal(refused, caller, version, orderId, command, key, correlationId,
									traceparent))
					.flatMap((confirmed) -> {
						String answer = JsonText.string(v2
								? this.representations.confirmationV2(confirmed.confirmation(), confirmed.plant())
								: this.representations.confirmation(confirmed.confirmation(), confirmed.plant()));
						// the answer and the event of the booking, in one step
						Instant postedAt = this.representations.postedAt(confirmed.confirmation());
						OutboxEvent event = new OutboxEvent(TOPIC, confirmed.confirmation().orderId(),
								"confirmation/" + confirmed.confirmation().id(), "/millgate/production-order-api",
								"dev.millgate.production-orders.order-confirmed", confirmed.confirmation().orderId(),
								postedAt,
								"https://millgate.dev/events/production-orders/v1#/components/schemas/OrderConfirmedData",
								correlationId, traceparent,
								JsonText.string(this.representations.confirmedEvent(confirmed, command.varianceReason(),
										key, correlationId, postedAt)));
						return this.keys.complete(scopedKey, fingerprint, HttpStatus.CREATED.value(), answer, event)
							.thenReturn(answer);
					})
					.onErrorResume((error) -> this.keys.abandon(scopedKey).then(Mono.error(error)));
				return evenIfTheCallerLeaves(booking)
					.map((answer) -> answer(HttpStatus.CREATED.value(), answer, false));
			});
	}

	// an ERP refusal becomes an integration event (erp-refusal), so that the plant's
	// integration team sees it without reading the MES's logs; never a booking's event
	private Mono<Void> reportRefusal(ConfirmOrder.Refused refused, Caller caller, String version, String orderId,
			ConfirmationCommand command, String key, String correlationId, String traceparent) {
		Instant now = Instant.now();
		String code = refused.failure().erpCode();
		Map<String, Object> message = new LinkedHashMap<>();
		message.put("code", (code != null && code.matches("[A-Za-z0-9_/]{1,20}/[0-9]{3}")) ? code : "UNKNOWN/000");
		message.put("text", (refused.failure().erpMessage() != null) ? refused.failure().erpMessage() : "");
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("plant", refused.plant());
		data.put("apiProduct", "production-orders");
		data.put("apiVersion", version);
		data.put("apiOperation", "createConfirmation");
		data.put("orderId", orderId);
		data.put("operation", command.operation());
		data.put("problemCode", (refused.failure() instanceof ErpFailure.Conflict) ? "erp.conflict" : "erp.rejected");
		data.put("erpMessage", message);
		data.put("clientId", caller.clientId());
		data.put("idempotencyKey", key);
		data.put("correlationId", correlationId);
		data.put("refusedAt", now.atOffset(ZoneOffset.UTC));
		OutboxEvent event = new OutboxEvent(INTEGRATION_TOPIC, "production-order/" + orderId,
				"erp-refusal/" + correlationId, "/millgate/production-order-api",
				"dev.millgate.integration.erp-refusal", "production-order/" + orderId, now,
				"https://millgate.dev/events/integration/v1#/components/schemas/ErpRefusalData", correlationId,
				traceparent, JsonText.string(data));
		return Mono.fromRunnable(() -> this.keys.outbox().append(event))
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorResume((failure) -> {
				logger.warn("The ERP's refusal of {} [correlationId={}] is not reported as an event: {}", orderId,
						correlationId, failure.toString());
				return Mono.empty();
			})
			.then();
	}

	@GetMapping
	Mono<Map<String, Object>> list(Caller caller, @PathVariable String version, @PathVariable String orderId,
			@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) String cursor) {
		String query = "orderId=" + orderId + "&limit=" + limit;
		int from = (cursor != null) ? offset(query, cursor) : 0;
		return this.queries.confirmations(caller, orderId).map((all) -> {
			List<Map<String, Object>> items = all.confirmations()
				.stream()
				.skip(from)
				.limit(limit)
				.map((confirmation) -> "v2".equals(version)
						? this.representations.confirmationV2(confirmation, all.plant())
						: this.representations.confirmation(confirmation, all.plant()))
				.toList();
			int next = from + items.size();
			return Representations.page(items, (next < all.confirmations().size())
					? this.cursors.issue(query, List.of(Integer.toString(next))) : null);
		});
	}

	private int offset(String query, String cursor) {
		String offset = this.cursors.position(query, cursor, 1).get(0);
		if (!offset.matches("\\d{1,9}")) {
			throw Cursors.invalid();
		}
		return Integer.parseInt(offset);
	}

	/**
	 * Runs a claimed write to its end even when the caller hangs up (a client timing out,
	 * a gateway instance dying): cancelled halfway, the key would stay in flight for
	 * {@code inFlightFor} and every retry would be told to wait, though the ERP may
	 * already have booked it. Carried through, the key is completed (or released on
	 * failure) and the retry gets the booked answer.
	 */
	private static <T> Mono<T> evenIfTheCallerLeaves(Mono<T> work) {
		return Mono.deferContextual((context) -> Mono.fromFuture(work.contextWrite(context).toFuture(), true));
	}

	private static ResponseEntity<String> answer(int status, String body, boolean replayed) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
		if (replayed) {
			response.header("Idempotency-Replayed", "true");
		}
		return response.body(body);
	}

	// The body was validated against the contract by the filter before this runs.
	private static ConfirmationCommand command(JsonNode json) {
		return new ConfirmationCommand(json.path("operation").asString(), json.path("yieldQuantity").decimalValue(),
				json.has("scrapQuantity") ? json.get("scrapQuantity").decimalValue() : BigDecimal.ZERO,
				UnitOfMeasure.of(json.path("unit").asString()), json.path("finalConfirmation").asBoolean(),
				json.has("executionStart") ? OffsetDateTime.parse(json.get("executionStart").asString()) : null,
				json.has("executionEnd") ? OffsetDateTime.parse(json.get("executionEnd").asString()) : null,
				json.has("postingDate") ? LocalDate.parse(json.get("postingDate").asString()) : null,
				json.has("varianceReason") ? json.get("varianceReason").asString() : null,
				json.has("note") ? json.get("note").asString() : null);
	}

	// v2: yield and scrap as {value, unit}; the request check made sure both share a
	// unit, and it is checked here again so that no way around it books scrap in the
	// wrong one.
	private static ConfirmationCommand commandV2(JsonNode json) {
		JsonNode yield = json.path("yield");
		if (json.has("scrap") && !yield.path("unit").asString().equals(json.path("scrap").path("unit").asString())) {
			throw new Rejection("request.invalid", "scrap must be in the unit of yield.");
		}
		return new ConfirmationCommand(json.path("operation").asString(), yield.path("value").decimalValue(),
				json.has("scrap") ? json.path("scrap").path("value").decimalValue() : BigDecimal.ZERO,
				UnitOfMeasure.of(yield.path("unit").asString()), json.path("finalConfirmation").asBoolean(),
				json.has("executionStart") ? OffsetDateTime.parse(json.get("executionStart").asString()) : null,
				json.has("executionEnd") ? OffsetDateTime.parse(json.get("executionEnd").asString()) : null,
				json.has("postingDate") ? LocalDate.parse(json.get("postingDate").asString()) : null,
				json.has("varianceReason") ? json.get("varianceReason").asString() : null,
				json.has("note") ? json.get("note").asString() : null);
	}

	private static String digest(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
