package org.millgate.reconciliation.reconcile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.problems.Rejection;
import org.millgate.contracts.units.UnitsOfMeasure;
import org.millgate.erp.model.Material;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.port.Deliveries;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.Materials;
import org.millgate.erp.shipping.ShipmentTracker;

/**
 * What the WMS and transport systems report for comparison: stock counts and shipment
 * statuses, each recorded once per client and idempotency key.
 */
public final class Reports {

	private static final Duration FUTURE = Duration.ofMinutes(5);

	private static final Duration PAST = Duration.ofDays(7);

	private final ReconciliationStore store;

	private final Materials materials;

	private final Deliveries deliveries;

	private final ShipmentTracker tracker;

	private final Scheduler blocking;

	private final Clock clock;

	/**
	 * Reports.
	 * @param store the store
	 * @param materials the ERP's materials, for the units of a count
	 * @param deliveries the ERP's deliveries, for the plant of a shipment
	 * @param tracker the plant of a shipment
	 * @param blocking where the store is called
	 * @param clock the clock
	 */
	public Reports(ReconciliationStore store, Materials materials, Deliveries deliveries, ShipmentTracker tracker,
			Scheduler blocking, Clock clock) {
		this.store = store;
		this.materials = materials;
		this.deliveries = deliveries;
		this.tracker = tracker;
		this.blocking = blocking;
		this.clock = clock;
	}

	/**
	 * A stock count to record.
	 *
	 * @param plant the plant
	 * @param countedAt when it was counted
	 * @param positions what was counted
	 */
	public record CountRequest(String plant, Instant countedAt, List<CountPosition> positions) {

	}

	/**
	 * Records a stock count, checked in the contract's order: the plant, the time, no
	 * position twice, the units.
	 * @param caller who reports
	 * @param idempotency the key and the request's fingerprint
	 * @param request the count
	 * @param answer the answer's body for the count recorded
	 * @return what became of it
	 */
	public Mono<ReconciliationStore.Recorded> count(Caller caller, ReconciliationStore.Idempotency idempotency,
			CountRequest request, Function<StockCount, String> answer) {
		if (!caller.sees(request.plant())) {
			return Mono.error(Rejection.notFound("plant " + request.plant()));
		}
		Instant now = this.clock.instant();
		if (request.countedAt().isAfter(now.plus(FUTURE)) || request.countedAt().isBefore(now.minus(PAST))) {
			return Mono.error(new Invalid("/countedAt", "must not lie more than 5 minutes in the future nor more "
					+ "than 7 days in the past (now " + now + ")"));
		}
		Set<List<String>> seen = new HashSet<>();
		for (int i = 0; i < request.positions().size(); i++) {
			CountPosition position = request.positions().get(i);
			if (!seen.add(Arrays.asList(position.material(), position.storageLocation(), position.batch(),
					position.stockStatus()))) {
				return Mono.error(new Invalid("/positions/" + i, "repeats the material, storage location, batch "
						+ "and stock status of an earlier position; report each once"));
			}
			// the rule every part checks quantities by: a piece has no decimals, no unit
			// more than three (the units table)
			Optional<String> beyond = UnitsOfMeasure.standard().check(position.quantity(), position.unit());
			if (beyond.isPresent()) {
				return Mono
					.error(new Invalid("/positions/" + i + "/quantity/value", beyond.get() + "; nothing is rounded"));
			}
		}
		return kept(idempotency).switchIfEmpty(Mono
			.defer(() -> checkUnits(request).then(Mono.fromCallable(() -> this.store.inTransaction((transaction) -> {
				Optional<ReconciliationStore.Recorded> again = transaction.kept(idempotency);
				if (again.isPresent()) {
					return again.get();
				}
				Instant received = this.clock.instant();
				String countId = String.format("count-%s-%06d", request.plant(), transaction.next("count"));
				StockCount count = new StockCount(countId, request.plant(), request.countedAt(), received,
						caller.clientId(), request.positions());
				transaction.insertCount(count);
				String body = answer.apply(count);
				if (!transaction.keep(idempotency, body, received)) {
					throw new Rejection("idempotency.inFlight", "A request with this Idempotency-Key is still being "
							+ "processed; retry in a moment with the same key.");
				}
				return (ReconciliationStore.Recorded) new ReconciliationStore.Recorded.Fresh(body);
			})).subscribeOn(this.blocking))));
	}

	// every position's unit must be the material's base unit or one it converts into it;
	// a
	// material the ERP does not know is not refused (it is missing in the ERP)
	private Mono<Void> checkUnits(CountRequest request) {
		Map<String, Set<String>> unitsOf = new LinkedHashMap<>();
		request.positions().forEach((p) -> unitsOf.computeIfAbsent(p.material(), (m) -> new HashSet<>()).add(p.unit()));
		Map<String, Optional<Material>> found = new ConcurrentHashMap<>();
		return Flux.fromIterable(unitsOf.keySet())
			.flatMap((id) -> this.materials.material(id)
				.map(Optional::of)
				.onErrorResume(ErpFailure.NotFound.class, (ex) -> Mono.just(Optional.empty()))
				.doOnNext((material) -> found.put(id, material)), 8)
			.then(Mono.fromCallable(() -> {
				for (int i = 0; i < request.positions().size(); i++) {
					CountPosition position = request.positions().get(i);
					Optional<Material> material = found.get(position.material());
					if (material == null || material.isEmpty()) {
						continue;
					}
					UnitOfMeasure unit = UnitOfMeasure.of(position.unit());
					if (!unit.equals(material.get().baseUnit()) && material.get()
						.convert(new Quantity(position.quantity(), unit), material.get().baseUnit())
						.isEmpty()) {
						throw new Rejection("unit.notConvertible",
								"Position " + i + ": material " + position.material() + " cannot be converted from "
										+ position.unit() + " into its base unit " + material.get().baseUnit()
										+ "; report it in the base unit or one the material converts.");
					}
				}
				return null;
			}))
			.then();
	}

	/**
	 * A shipment status to record.
	 *
	 * @param shipmentId the shipment
	 * @param status the reported status
	 * @param system {@code WMS} or {@code TRANSPORT}
	 * @param reporter the reporting system's name
	 * @param reportedAt when the status holds
	 */
	public record ShipmentReportRequest(String shipmentId, String status, String system, String reporter,
			Instant reportedAt) {

	}

	/**
	 * Records a shipment status.
	 * @param caller who reports
	 * @param idempotency the key and the request's fingerprint
	 * @param request the report
	 * @param answer the answer's body for the report recorded
	 * @return what became of it
	 */
	public Mono<ReconciliationStore.Recorded> shipment(Caller caller, ReconciliationStore.Idempotency idempotency,
			ShipmentReportRequest request, Function<ShipmentReport, String> answer) {
		return kept(idempotency).switchIfEmpty(Mono.defer(() -> this.deliveries.shipment(request.shipmentId(), false)
			.onErrorMap(ErpFailure.NotFound.class, (ex) -> Rejection.notFound("shipment " + request.shipmentId()))
			.map(this.tracker::plantOf)
			.filter(caller::sees)
			.switchIfEmpty(Mono.error(() -> Rejection.notFound("shipment " + request.shipmentId())))
			.flatMap((plant) -> {
				Instant now = this.clock.instant();
				if (request.reportedAt().isAfter(now.plus(FUTURE))) {
					return Mono.error(new Invalid("/reportedAt",
							"must not lie more than 5 minutes in the future (now " + now + ")"));
				}
				return Mono.fromCallable(() -> this.store.inTransaction((transaction) -> {
					Optional<ReconciliationStore.Recorded> again = transaction.kept(idempotency);
					if (again.isPresent()) {
						return again.get();
					}
					Instant received = this.clock.instant();
					String reportId = String.format("shipment-report-%09d", transaction.next("report"));
					ShipmentReport report = new ShipmentReport(reportId, request.shipmentId(), plant, request.status(),
							request.system(), request.reporter(), request.reportedAt(), received, caller.clientId());
					transaction.insertShipmentReport(report);
					String body = answer.apply(report);
					if (!transaction.keep(idempotency, body, received)) {
						throw new Rejection("idempotency.inFlight", "A request with this Idempotency-Key is still "
								+ "being processed; retry in a moment with the same key.");
					}
					return (ReconciliationStore.Recorded) new ReconciliationStore.Recorded.Fresh(body);
				})).subscribeOn(this.blocking);
			})));
	}

	private Mono<ReconciliationStore.Recorded> kept(ReconciliationStore.Idempotency idempotency) {
		return Mono.fromCallable(() -> this.store.inTransaction((transaction) -> transaction.kept(idempotency)))
			.subscribeOn(this.blocking)
			.flatMap(Mono::justOrEmpty);
	}

}
