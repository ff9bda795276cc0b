package org.millgate.erp.sap;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.millgate.erp.model.Confirmation;
import org.millgate.erp.model.ConfirmationRequest;
import org.millgate.erp.model.ConfirmationReversal;
import org.millgate.erp.model.EnteredConfirmation;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.port.Confirmations;
import org.millgate.erp.port.Confirmations.EntryKey;
import org.millgate.erp.resilience.ErpCalls;

import static org.millgate.erp.sap.SapValues.date;
import static org.millgate.erp.sap.SapValues.dateTime;
import static org.millgate.erp.sap.SapValues.decimal;
import static org.millgate.erp.sap.SapValues.flag;
import static org.millgate.erp.sap.SapValues.text;

/**
 * Confirmations through {@code API_PROD_ORDER_CONFIRMATION_2_SRV}. The request's external
 * id goes to {@code ExternalSystemConfirmation}, which the ERP refuses to book twice.
 * Whether a confirmation is final is written to and read from one field,
 * {@code FinalConfirmationType} ({@code "X"} final, {@code ""} partial).
 */
final class SapConfirmations implements Confirmations {

	private static final String SET = "ProdnOrdConf2";

	private final SapHttp http;

	private final ErpCalls calls;

	private final SapUnits units;

	SapConfirmations(SapHttp http, ErpCalls calls, SapUnits units) {
		this.http = http;
		this.calls = calls;
		this.units = units;
	}

	@Override
	public Mono<Confirmation> post(ConfirmationRequest request) {
		try {
			SapLimits.text("ConfirmationRequest.text", "ConfirmationText", "The note", request.text(), 40);
			SapLimits.quantity("ConfirmationRequest.yield", "ConfirmationYieldQuantity",
					"The yield in the operation's unit", request.yield(), this.units);
			SapLimits.quantity("ConfirmationRequest.scrap", "ConfirmationScrapQuantity",
					"The scrap in the operation's unit", request.scrap(), this.units);
		}
		catch (ErpFailure.LimitExceeded ex) {
			return Mono.error(ex);
		}
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		body.put("OrderID", request.orderId());
		body.put("OrderOperation", request.operation());
		body.put("ConfirmationYieldQuantity", request.yield().value().toPlainString());
		body.put("ConfirmationScrapQuantity", request.scrap().value().toPlainString());
		body.put("ConfirmationUnit", this.units.sap(request.yield().unit()));
		body.put("FinalConfirmationType", request.finalConfirmation() ? "X" : "");
		body.put("ExternalSystemConfirmation", request.externalId().toString());
		if (request.postingDate() != null) {
			body.put("PostingDate", SapValues.sapDate(request.postingDate()));
		}
		if (request.executionStart() != null) {
			body.put("ConfirmedExecutionStartDate", SapValues.sapDate(request.executionStart().toLocalDate()));
			body.put("ConfirmedExecutionStartTime", SapValues.sapTime(request.executionStart().toLocalTime()));
		}
		if (request.executionEnd() != null) {
			body.put("ConfirmedExecutionEndDate", SapValues.sapDate(request.executionEnd().toLocalDate()));
			body.put("ConfirmedExecutionEndTime", SapValues.sapTime(request.executionEnd().toLocalTime()));
		}
		if (request.varianceReason() != null) {
			body.put("VarianceReasonCode", request.varianceReason());
		}
		if (request.text() != null) {
			body.put("ConfirmationText", request.text());
		}
		return this.calls
			.write("confirmation.post", () -> this.http.post(SapRelease.CONFIRMATIONS, SET, Map.of(), body))
			.map((answer) -> confirmation(answer.entity()));
	}

	@Override
	public Mono<Optional<Confirmation>> findByExternalId(UUID externalId) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("$filter",
				ODataFilter.eq("ExternalSystemConfirmation", externalId)
					.and(ODataFilter.eq("IsReversal", false))
					.toString());
		return this.calls.read("confirmation.find", () -> this.http.getAll(SapRelease.CONFIRMATIONS, SET, query))
			.map((entities) -> entities.stream().map(this::confirmation).findFirst());
	}

	@Override
	public Flux<Confirmation> ofOrder(String orderId) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("$filter", ODataFilter.eq("OrderID", orderId).toString());
		query.put("$orderby", "ConfirmationGroup,ConfirmationCount");
		return this.calls.read("confirmation.list", () -> this.http.getAll(SapRelease.CONFIRMATIONS, SET, query))
			.flatMapIterable((entities) -> entities.stream()
				.map(this::confirmation)
				// Counters are numbers; ERPs that do not pad them sort 10 before 2.
				.sorted(Comparator.comparing((Confirmation c) -> c.id().substring(0, c.id().indexOf('-')))
					.thenComparingLong((c) -> Long.parseLong(c.id().substring(c.id().indexOf('-') + 1))))
				.toList());
	}

	// Two reads: the reversals entered since a time, then the reversed confirmations of
	// their groups. The ERP's reversal is a copy of the confirmation it takes back (same
	// group, operation and quantities, a new counter); the one it took back is the latest
	// such confirmation marked reversed before it that no other reversal has claimed.
	@Override
	public Mono<List<ConfirmationReversal>> reversals(Set<String> plants, EntryKey after, int limit) {
		Map<String, String> query = byEntryTime(true, plants, after, limit);
		return this.calls.read("confirmation.reversals", () -> this.http.get(SapRelease.CONFIRMATIONS, SET, query))
			.flatMap((answer) -> {
				List<JsonNode> reversals = answer.entities();
				if (reversals.isEmpty()) {
					return Mono.just(List.<ConfirmationReversal>of());
				}
				List<String> groups = reversals.stream()
					.map((entity) -> text(entity, "ConfirmationGroup"))
					.distinct()
					.sorted()
					.toList();
				Map<String, String> originals = new LinkedHashMap<>();
				originals.put("$filter",
						ODataFilter.in("ConfirmationGroup", groups).and(ODataFilter.eq("IsReversed", true)).toString());
				return this.calls
					.read("confirmation.reversed", () -> this.http.getAll(SapRelease.CONFIRMATIONS, SET, originals))
					.map((reversed) -> match(reversals, reversed));
			});
	}

	@Override
	public Mono<List<EnteredConfirmation>> entered(Set<String> plants, EntryKey after, int limit) {
		Map<String, String> query = byEntryTime(false, plants, after, limit);
		return this.calls.read("confirmation.entered", () -> this.http.get(SapRelease.CONFIRMATIONS, SET, query))
			.map((answer) -> answer.entities().stream().map((entity) -> {
				String user = SapValues.optionalText(entity, "EnteredByUser");
				return new EnteredConfirmation(confirmation(entity), text(entity, "Plant"), text(entity, "Material"),
						SapValues.optionalText(entity, "VarianceReasonCode"),
						(user != null) ? user.toUpperCase(Locale.ROOT) : null);
			}).toList());
	}

	// reversals or confirmations of plants' orders, by entry time and id, from a time
	private static Map<String, String> byEntryTime(boolean reversals, Set<String> plants, EntryKey after, int limit) {
		List<ODataFilter> conditions = new ArrayList<>();
		conditions.add(ODataFilter.eq("IsReversal", reversals));
		conditions.add(ODataFilter.in("Plant", plants.stream().sorted().toList()));
		// The ERP answers entry times in milliseconds and may keep them finer: one served
		// millisecond is one time here (ge its start, lt the next), never an exact eq.
		if (after != null && after.id() != null) {
			// after that one: a later millisecond, or the same one with a greater group
			// or
			// counter
			Instant at = after.at().truncatedTo(ChronoUnit.MILLIS);
			Instant next = at.plusMillis(1);
			String[] id = after.id().split("-", 2);
			conditions.add(ODataFilter.ge("ConfirmationEntryDateTime", next)
				.or(ODataFilter.ge("ConfirmationEntryDateTime", at)
					.and(ODataFilter.lt("ConfirmationEntryDateTime", next))
					.and(ODataFilter.gt("ConfirmationGroup", id[0])
						.or(ODataFilter.eq("ConfirmationGroup", id[0])
							.and(ODataFilter.gt("ConfirmationCount", id[1]))))));
		}
		else if (after != null) {
			Instant at = after.at().truncatedTo(ChronoUnit.MILLIS);
			conditions.add(ODataFilter.ge("ConfirmationEntryDateTime", after.through() ? at.plusMillis(1) : at));
		}
		Map<String, String> query = new LinkedHashMap<>();
		query.put("$filter", ODataFilter.all(conditions).toString());
		query.put("$orderby", "ConfirmationEntryDateTime,ConfirmationGroup,ConfirmationCount");
		query.put("$top", Integer.toString(limit));
		return query;
	}

	private List<ConfirmationReversal> match(List<JsonNode> reversals, List<JsonNode> reversed) {
		List<ConfirmationReversal> matched = new ArrayList<>();
		Set<String> claimed = new HashSet<>();
		// the earliest reversals claim first, as the ERP booked them
		for (JsonNode reversal : reversals) {
			String group = text(reversal, "ConfirmationGroup");
			long counter = Long.parseLong(text(reversal, "ConfirmationCount"));
			JsonNode original = reversed.stream()
				.filter((candidate) -> group.equals(text(candidate, "ConfirmationGroup"))
						&& Long.parseLong(text(candidate, "ConfirmationCount")) < counter
						&& !claimed.contains(group + "-" + text(candidate, "ConfirmationCount"))
						&& text(candidate, "OrderOperation").equals(text(reversal, "OrderOperation"))
						&& decimal(candidate, "ConfirmationYieldQuantity")
							.compareTo(decimal(reversal, "ConfirmationYieldQuantity")) == 0
						&& decimal(candidate, "ConfirmationScrapQuantity")
							.compareTo(decimal(reversal, "ConfirmationScrapQuantity")) == 0)
				.max(Comparator.comparingLong((candidate) -> Long.parseLong(text(candidate, "ConfirmationCount"))))
				.orElse(null);
			if (original == null) {
				// reversed by another way than this reader understands: left out
				continue;
			}
			String originalId = group + "-" + text(original, "ConfirmationCount");
			claimed.add(originalId);
			Confirmation taken = confirmation(original);
			Confirmation booked = confirmation(reversal);
			matched.add(new ConfirmationReversal(booked.id(), originalId, taken.orderId(), text(reversal, "Plant"),
					text(reversal, "Material"), taken.operation(), taken.yield(), taken.scrap(),
					taken.finalConfirmation(), booked.postingDate(), booked.enteredAt()));
		}
		return matched;
	}

	private Confirmation confirmation(JsonNode entity) {
		UnitOfMeasure unit = this.units.canonical(text(entity, "ConfirmationUnit"));
		LocalDateTime start = dateTime(entity, "ConfirmedExecutionStartDate");
		LocalDateTime end = dateTime(entity, "ConfirmedExecutionEndDate");
		LocalTime startTime = SapValues.time(entity, "ConfirmedExecutionStartTime");
		LocalTime endTime = SapValues.time(entity, "ConfirmedExecutionEndTime");
		JsonNode entered = entity.path("ConfirmationEntryDateTime");
		return new Confirmation(text(entity, "ConfirmationGroup") + "-" + text(entity, "ConfirmationCount"),
				text(entity, "OrderID"), text(entity, "OrderOperation"),
				new Quantity(decimal(entity, "ConfirmationYieldQuantity"), unit),
				new Quantity(decimal(entity, "ConfirmationScrapQuantity"), unit),
				// read from the field a post writes: "X" final, "" partial
				flag(entity, "FinalConfirmationType"), flag(entity, "IsReversed"), flag(entity, "IsReversal"),
				date(entity, "PostingDate"),
				(start != null && startTime != null) ? start.toLocalDate().atTime(startTime) : start,
				(end != null && endTime != null) ? end.toLocalDate().atTime(endTime) : end,
				SapValues.uuid(entity, "ExternalSystemConfirmation"),
				entered.isString() ? dateTime(entity, "ConfirmationEntryDateTime").toInstant(ZoneOffset.UTC) : null);
	}

}
