package org.millgate.reconciliation.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.problems.Rejection;
import org.millgate.erp.model.Confirmation;
import org.millgate.erp.model.GoodsMovement;
import org.millgate.erp.model.MaterialBatch;
import org.millgate.erp.model.ProductionOrder;
import org.millgate.erp.port.Confirmations;
import org.millgate.erp.port.Deliveries;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.GoodsMovements;
import org.millgate.erp.port.ProductionOrders;
import org.millgate.erp.shipping.ShipmentStatus;
import org.millgate.erp.shipping.ShipmentTracker;
import org.millgate.erp.shipping.ShippingPoints;
import org.millgate.erp.shipping.TrackedShipment;

/**
 * The lineage of a production order: what the ERP booked for it (its release, its
 * confirmations and reversals, the goods movements it caused, its completion, the
 * shipments carrying the batches it produced), beside what the platform did with it (the
 * confirmations MES posted through the platform, with their correlation ids and keys; the
 * events that reached the streams, and when), hop by hop, with which hop is late or
 * failed.
 */
public final class Lineage {

	private final ProductionOrders orders;

	private final Confirmations confirmations;

	private final GoodsMovements movements;

	private final Deliveries deliveries;

	private final ShipmentTracker tracker;

	private final ShippingPoints shippingPoints;

	private final ReconciliationStore store;

	private final Duration lateAfter;

	private final ZoneId erpZone;

	private final Scheduler blocking;

	private final Clock clock;

	/**
	 * A lineage.
	 * @param erp the ERP
	 * @param shippingPoints the plant of each shipping point
	 * @param store the store (posted confirmations, the event ledger)
	 * @param lateAfter how long an event may take to reach the streams
	 * @param erpZone the ERP's time zone
	 * @param blocking where the store is called
	 * @param clock the clock
	 */
	public Lineage(Erp erp, ShippingPoints shippingPoints, ReconciliationStore store, Duration lateAfter,
			ZoneId erpZone, Scheduler blocking, Clock clock) {
		this.orders = erp.orders();
		this.confirmations = erp.confirmations();
		this.movements = erp.movements();
		this.deliveries = erp.deliveries();
		this.tracker = erp.tracker();
		this.shippingPoints = shippingPoints;
		this.store = store;
		this.lateAfter = lateAfter;
		this.erpZone = erpZone;
		this.blocking = blocking;
		this.clock = clock;
	}

	/**
	 * The ERP ports a lineage reads.
	 *
	 * @param orders production orders
	 * @param confirmations confirmations
	 * @param movements goods movements
	 * @param deliveries deliveries
	 * @param tracker shipment statuses
	 */
	public record Erp(ProductionOrders orders, Confirmations confirmations, GoodsMovements movements,
			Deliveries deliveries, ShipmentTracker tracker) {

	}

	/**
	 * A traced order.
	 *
	 * @param order the order
	 * @param lateAfter the objective
	 * @param tracedAt when
	 * @param hops the hops, in the order they happened
	 */
	public record Trace(ProductionOrder order, Duration lateAfter, Instant tracedAt, List<Hop> hops) {

		public long count(String state) {
			return this.hops.stream().filter((hop) -> state.equals(hop.state())).count();
		}

	}

	/**
	 * One hop.
	 *
	 * @param hop what happened
	 * @param at when, in the ERP
	 * @param dayOnly whether the ERP keeps only the day of it
	 * @param publishedAt when its event reached the streams, or null
	 * @param state {@code ON_TIME}, {@code LATE}, {@code PENDING} or {@code FAILED}
	 * @param reason why late or failed, or null
	 * @param eventId its event's id, or null
	 * @param confirmation the confirmation, or null
	 * @param posted how it was posted through the platform, or null
	 * @param movement the goods movement, or null
	 * @param shipmentId the shipment, or null
	 */
	public record Hop(String hop, Instant at, boolean dayOnly, Instant publishedAt, String state, String reason,
			String eventId, Confirmation confirmation, PostedConfirmation posted, GoodsMovement movement,
			String shipmentId) {

	}

	/**
	 * Traces an order the caller may see.
	 * @param caller who asks
	 * @param orderId the order
	 * @return its lineage
	 */
	public Mono<Trace> trace(Caller caller, String orderId) {
		return this.orders.order(orderId, false)
			.onErrorMap(ErpFailure.NotFound.class, (ex) -> Rejection.notFound("production order " + orderId))
			.filter((order) -> caller.sees(order.plant()))
			.switchIfEmpty(Mono.error(() -> Rejection.notFound("production order " + orderId)))
			.flatMap((order) -> Mono
				.zip(this.confirmations.ofOrder(orderId).collectList(), this.movements.ofOrder(orderId),
						Mono.fromCallable(() -> this.store.eventsOfOrder(orderId)).subscribeOn(this.blocking),
						Mono.fromCallable(() -> this.store.postedFor(List.of(orderId))).subscribeOn(this.blocking))
				.flatMap((read) -> shipments(order, read.getT2()).flatMap((shipments) -> Mono.fromCallable(
						() -> this.store.eventsOfShipments(shipments.stream().map((s) -> s.shipment().id()).toList()))
					.subscribeOn(this.blocking)
					.map((shipmentEvents) -> trace(order, read.getT1(), read.getT2(), read.getT3(), read.getT4(),
							shipments, shipmentEvents)))));
	}

	// the shipments that carry a batch the order produced
	private Mono<List<TrackedShipment>> shipments(ProductionOrder order, List<GoodsMovement> movements) {
		Set<MaterialBatch> batches = new LinkedHashSet<>();
		for (GoodsMovement movement : movements) {
			if (movement.movementType().startsWith("10") && !movement.batch().batch().isEmpty()) {
				batches.add(movement.batch());
			}
		}
		if (batches.isEmpty()) {
			return Mono.just(List.of());
		}
		return this.deliveries.shipmentsWithBatches(this.shippingPoints.of(Set.of(order.plant())), Set.of(), batches)
			.flatMap((shipments) -> shipments.isEmpty() ? Mono.just(List.<TrackedShipment>of())
					: this.tracker.track(shipments));
	}

	private Trace trace(ProductionOrder order, List<Confirmation> confirmations, List<GoodsMovement> movements,
			List<LedgerEvent> events, List<PostedConfirmation> posted, List<TrackedShipment> shipments,
			List<LedgerEvent> shipmentEvents) {
		Instant now = this.clock.instant();
		Map<String, LedgerEvent> byId = new HashMap<>();
		events.forEach((event) -> byId.put(event.eventId(), event));
		Map<String, PostedConfirmation> postedById = new LinkedHashMap<>();
		posted.forEach((p) -> postedById.put(p.confirmationId(), p));
		List<Hop> hops = new ArrayList<>();
		// released
		if (order.progress().released() || byId.containsKey(releasedId(order))) {
			LedgerEvent event = byId.get(releasedId(order));
			LocalDate day = order.schedule().releasedOn();
			Instant at = (event != null) ? event.occurredAt()
					: (day != null) ? day.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
			if (at != null) {
				hops.add(hop("RELEASED", at, event == null, event, null, null, null, null, now));
			}
		}
		// confirmations and their reversals
		Set<String> inErp = new LinkedHashSet<>();
		for (Confirmation confirmation : confirmations) {
			if (confirmation.reversal()) {
				continue;
			}
			inErp.add(confirmation.id());
			String id = "confirmation/" + confirmation.id();
			hops.add(hop("CONFIRMED", confirmation.enteredAt(), false, byId.get(id), confirmation,
					postedById.get(confirmation.id()), null, null, now));
			if (confirmation.reversed()) {
				String reversedId = id + "/reversed";
				LedgerEvent event = byId.get(reversedId);
				Instant at = (event != null) ? event.occurredAt() : reversalTime(confirmations, confirmation);
				hops.add(hop("CONFIRMATION_REVERSED", at, false, event, confirmation, postedById.get(confirmation.id()),
						null, null, now));
			}
		}
		// posted through the platform and answered 201, but not in the ERP
		for (PostedConfirmation p : postedById.values()) {
			if (!inErp.contains(p.confirmationId())) {
				String id = "confirmation/" + p.confirmationId();
				LedgerEvent event = byId.get(id);
				hops.add(new Hop("CONFIRMED", p.postedAt(), false, (event != null) ? event.publishedAt() : null,
						"FAILED", "Posted through the platform and answered 201, but the ERP does not hold it.", id,
						null, p, null, null));
			}
		}
		// the goods movements the order caused
		for (GoodsMovement movement : movements) {
			String type = movement.movementType();
			String hop = type.startsWith("26") ? "COMPONENTS_ISSUED" : type.startsWith("10") ? "GOODS_RECEIVED" : null;
			if (hop == null || movement.enteredAt() == null) {
				continue;
			}
			String id = "material-document/" + movement.year() + "/" + movement.document() + "/" + movement.item();
			hops.add(hop(hop, movement.enteredAt().atZone(this.erpZone).toInstant(), false, byId.get(id), null, null,
					movement, null, now));
		}
		// completed
		String completedId = "production-order/" + order.id() + "/technically-completed";
		if (order.progress().technicallyCompleted() || byId.containsKey(completedId)) {
			LedgerEvent event = byId.get(completedId);
			Instant at = (event != null) ? event.occurredAt() : order.lastChanged();
			if (at != null) {
				hops.add(hop("TECHNICALLY_COMPLETED", at, false, event, null, null, null, null, now));
			}
		}
		// the shipments of what it produced
		Map<String, List<LedgerEvent>> ofShipment = new HashMap<>();
		shipmentEvents
			.forEach((event) -> ofShipment.computeIfAbsent(event.shipmentId(), (id) -> new ArrayList<>()).add(event));
		for (TrackedShipment shipment : shipments) {
			List<LedgerEvent> seen = ofShipment.getOrDefault(shipment.shipment().id(), List.of());
			shipmentHop(shipment, seen, "READY_FOR_SHIPMENT", ShipmentStatus.READY_FOR_SHIPMENT, "ready-for-shipment",
					shipment.lastChanged(), hops, now);
			shipmentHop(shipment, seen, "SHIPPED", ShipmentStatus.SHIPPED, "shipped",
					shipment.shipment().actualGoodsIssue(), hops, now);
			shipmentHop(shipment, seen, "DELIVERED", ShipmentStatus.DELIVERED, "delivered", shipment.lastChanged(),
					hops, now);
		}
		// what the ERP refused
		for (LedgerEvent event : events) {
			if ("dev.millgate.integration.erp-refusal".equals(event.type())) {
				hops.add(new Hop("ERP_REFUSAL", event.occurredAt(), false, event.publishedAt(), "FAILED",
						event.detail(), event.eventId(), null, null, null, null));
			}
		}
		hops.sort(Comparator.comparing(Hop::at));
		return new Trace(order, this.lateAfter, now, hops);
	}

	private void shipmentHop(TrackedShipment shipment, List<LedgerEvent> seen, String hop, ShipmentStatus reached,
			String kind, LocalDate erpDay, List<Hop> hops, Instant now) {
		LedgerEvent event = seen.stream().filter((e) -> e.type().endsWith("." + kind)).findFirst().orElse(null);
		boolean reachedInErp = shipment.status().compareTo(reached) >= 0;
		if (event == null && !reachedInErp) {
			return;
		}
		Instant at = (event != null) ? event.occurredAt()
				: ((erpDay != null) ? erpDay : shipment.lastChanged()).atStartOfDay(ZoneOffset.UTC).toInstant();
		hops.add(hop(hop, at, event == null, event, null, null, null, shipment.shipment().id(), now));
	}

	private Hop hop(String hop, Instant at, boolean dayOnly, LedgerEvent event, Confirmation confirmation,
			PostedConfirmation posted, GoodsMovement movement, String shipmentId, Instant now) {
		String state;
		String reason = null;
		if (event != null) {
			Duration took = Duration.between(at, event.publishedAt());
			if (took.compareTo(this.lateAfter) > 0 && !dayOnly) {
				state = "LATE";
				reason = "Its event was published " + words(took) + " after the ERP booked it.";
			}
			else {
				state = "ON_TIME";
			}
		}
		else {
			// a moment kept as a day: late once the whole day and the objective have
			// passed
			Instant due = (dayOnly ? at.plus(Duration.ofDays(1)) : at).plus(this.lateAfter);
			if (now.isAfter(due)) {
				state = "LATE";
				reason = "No event has been published, " + words(Duration.between(at, now))
						+ " after the ERP booked it.";
			}
			else {
				state = "PENDING";
			}
		}
		return new Hop(hop, at, dayOnly, (event != null) ? event.publishedAt() : null, state, reason,
				(event != null) ? event.eventId() : null, confirmation, posted, movement, shipmentId);
	}

	// a duration as an operator reads it: 45 seconds, 12 minutes, 5 hours, 281 days
	static String words(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds < 120) {
			return seconds + ((seconds == 1) ? " second" : " seconds");
		}
		if (seconds < 2 * 3600) {
			return (seconds / 60) + " minutes";
		}
		if (seconds < 2 * 86400) {
			return (seconds / 3600) + " hours";
		}
		return (seconds / 86400) + " days";
	}

	// the reversal of a confirmation is booked under the same confirmation group
	private static Instant reversalTime(List<Confirmation> confirmations, Confirmation reversed) {
		String group = reversed.id().substring(0, reversed.id().indexOf('-'));
		return confirmations.stream()
			.filter((c) -> c.reversal() && c.id().startsWith(group + "-") && c.enteredAt() != null
					&& !c.enteredAt().isBefore(reversed.enteredAt()))
			.map(Confirmation::enteredAt)
			.min(Instant::compareTo)
			.orElse(reversed.enteredAt());
	}

	private static String releasedId(ProductionOrder order) {
		return "production-order/" + order.id() + "/released";
	}

}
