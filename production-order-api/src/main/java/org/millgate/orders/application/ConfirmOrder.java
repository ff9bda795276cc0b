package org.millgate.orders.application;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.UUID;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.problems.Rejection;
import org.millgate.erp.model.Confirmation;
import org.millgate.erp.model.ConfirmationRequest;
import org.millgate.erp.model.Operation;
import org.millgate.erp.model.ProductionOrder;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.port.Confirmations;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.Materials;

/**
 * Confirming an operation, checked before anything reaches the ERP: the order is RELEASED
 * or PARTIALLY_CONFIRMED, the operation exists, is released and is not finally confirmed,
 * the quantities are positive in a unit convertible to the operation's, and yield plus
 * scrap stay within the planned quantity plus the plant's over-delivery tolerance. As in
 * SAP, a partially released order (RELEASED) takes confirmations of its released
 * operations only.
 *
 * <p>
 * The ERP-side dedupe value is derived from client and idempotency key, so even a lost
 * key store cannot post twice: a repeat the ERP refuses as a duplicate is answered with
 * the confirmation it already booked.
 */
public final class ConfirmOrder {

	private final OrderQueries queries;

	private final Confirmations confirmations;

	private final Materials materials;

	private final Function<String, BigDecimal> tolerancePercent;

	private final Function<String, ZoneId> zones;

	public ConfirmOrder(OrderQueries queries, Confirmations confirmations, Materials materials,
			Function<String, BigDecimal> tolerancePercent, Function<String, ZoneId> zones) {
		this.queries = queries;
		this.confirmations = confirmations;
		this.materials = materials;
		this.tolerancePercent = tolerancePercent;
		this.zones = zones;
	}

	/**
	 * The ERP-side dedupe value of a client's idempotency key.
	 * @param caller the client
	 * @param idempotencyKey its key
	 * @return a name-based UUID, the same for the same client and key
	 */
	public static UUID externalId(Caller caller, String idempotencyKey) {
		return UUID.nameUUIDFromBytes((caller.clientId() + "\u0000" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Confirms an operation.
	 * @param caller who asks
	 * @param orderId the order number
	 * @param command what to confirm
	 * @param externalId the dedupe value toward the ERP
	 * @return the booked confirmation
	 */
	public Mono<Confirmed> confirm(Caller caller, String orderId, ConfirmationCommand command, UUID externalId) {
		return confirm(caller, orderId, command, externalId, (refused) -> Mono.empty());
	}

	/**
	 * Confirms an operation, and reports a refusal of the ERP (a booking the ERP would
	 * not take: the order locked, the period closed, ...) before it is answered.
	 * @param caller who asks
	 * @param orderId the order number
	 * @param command what to confirm
	 * @param externalId the dedupe value toward the ERP
	 * @param onRefused told of an ERP refusal, with the order's plant; the refusal is
	 * answered once it completes
	 * @return the booked confirmation
	 */
	public Mono<Confirmed> confirm(Caller caller, String orderId, ConfirmationCommand command, UUID externalId,
			Function<Refused, Mono<Void>> onRefused) {
		return this.queries.orderForWrite(caller, orderId, true)
			.flatMap(
					(order) -> checked(order, command)
						.flatMap((request) -> post(request, externalId).onErrorResume(ErpFailure.class,
								(failure) -> (failure instanceof ErpFailure.Rejected
										|| failure instanceof ErpFailure.Conflict)
												? onRefused.apply(new Refused(order.plant(), failure))
													.then(Mono.error(failure))
												: Mono.error(failure)))
						.map((confirmation) -> new Confirmed(confirmation, order.plant(), order.material())));
	}

	/**
	 * A booking the ERP refused.
	 *
	 * @param plant the plant of the order
	 * @param failure the ERP's refusal, with its message
	 */
	public record Refused(String plant, ErpFailure failure) {

	}

	/**
	 * A booked confirmation and the plant and material of its order.
	 *
	 * @param confirmation the confirmation
	 * @param plant the plant
	 * @param material the material the order produces
	 */
	public record Confirmed(Confirmation confirmation, String plant, String material) {

	}

	private Mono<ConfirmationRequest> checked(ProductionOrder order, ConfirmationCommand command) {
		OrderStatus status = OrderStatus.of(order.progress());
		if ((status != OrderStatus.RELEASED && status != OrderStatus.PARTIALLY_CONFIRMED)
				|| order.progress().locked()) {
			return Mono.error(new Rejection("order.notConfirmable",
					"Production order " + order.id() + " is " + status
							+ (order.progress().locked() ? " and locked" : "")
							+ "; confirmations are accepted for RELEASED and PARTIALLY_CONFIRMED orders."));
		}
		Operation operation = order.operations()
			.stream()
			.filter((candidate) -> candidate.number().equals(command.operation()))
			.findFirst()
			.orElse(null);
		if (operation == null) {
			return Mono.error(new Rejection("confirmation.unknownOperation",
					"Production order " + order.id() + " has no operation " + command.operation() + "."));
		}
		if (!operation.released()) {
			// a partially released order: the ERP books confirmations of released
			// operations only
			return Mono.error(new Rejection("order.notConfirmable",
					"Operation " + command.operation() + " of production order " + order.id()
							+ " is not released; a partially released order accepts confirmations of its released "
							+ "operations only."));
		}
		if (operation.confirmed()) {
			return Mono.error(new Rejection("operation.alreadyConfirmed", "Operation " + command.operation()
					+ " of production order " + order.id() + " is finally confirmed."));
		}
		if (command.yield().add(command.scrap()).signum() <= 0) {
			return Mono.error(new Rejection("confirmation.quantityNotPositive",
					"Yield and scrap together must be greater than zero."));
		}
		return inOperationUnit(order, operation, command).map((converted) -> {
			BigDecimal already = operation.confirmedYield().value().add(operation.confirmedScrap().value());
			BigDecimal allowed = operation.planned()
				.value()
				.multiply(BigDecimal.ONE.add(this.tolerancePercent.apply(order.plant()).movePointLeft(2)));
			BigDecimal after = already.add(converted[0].value()).add(converted[1].value());
			if (after.compareTo(allowed) > 0) {
				throw new Rejection("confirmation.quantityExceeded",
						"Operation " + operation.number() + " would reach " + after.stripTrailingZeros().toPlainString()
								+ " " + operation.planned().unit() + "; at most "
								+ allowed.setScale(3, RoundingMode.DOWN).stripTrailingZeros().toPlainString()
								+ " are allowed (planned plus the plant's over-delivery tolerance).");
			}
			ZoneId zone = this.zones.apply(order.plant());
			return new ConfirmationRequest(order.id(), operation.number(), converted[0], converted[1],
					command.finalConfirmation(),
					(command.executionStart() != null)
							? command.executionStart().atZoneSameInstant(zone).toLocalDateTime() : null,
					(command.executionEnd() != null) ? command.executionEnd().atZoneSameInstant(zone).toLocalDateTime()
							: null,
					command.postingDate(), command.varianceReason(), command.note(), UUID.randomUUID());
		});
	}

	private Mono<Quantity[]> inOperationUnit(ProductionOrder order, Operation operation, ConfirmationCommand command) {
		Quantity yield = new Quantity(command.yield(), command.unit());
		Quantity scrap = new Quantity(command.scrap(), command.unit());
		if (command.unit().equals(operation.planned().unit())) {
			return Mono.just(new Quantity[] { yield, scrap });
		}
		return this.materials.material(order.material()).map((material) -> {
			var convertedYield = material.convert(yield, operation.planned().unit());
			var convertedScrap = material.convert(scrap, operation.planned().unit());
			if (convertedYield.isEmpty() || convertedScrap.isEmpty()) {
				throw new Rejection("confirmation.unitNotConvertible", "Material " + order.material()
						+ " has no conversion from " + command.unit() + " to " + operation.planned().unit() + ".");
			}
			return new Quantity[] { convertedYield.get(), convertedScrap.get() };
		});
	}

	private Mono<Confirmation> post(ConfirmationRequest request, UUID externalId) {
		ConfirmationRequest withId = new ConfirmationRequest(request.orderId(), request.operation(), request.yield(),
				request.scrap(), request.finalConfirmation(), request.executionStart(), request.executionEnd(),
				request.postingDate(), request.varianceReason(), request.text(), externalId);
		// The ERP refuses a second booking with the same external id. The one it holds is
		// this confirmation's only if it books the same work: a key used again after its
		// lifetime for other work must not be answered with an old booking.
		return this.confirmations.post(withId)
			.onErrorResume(ErpFailure.Conflict.class,
					(duplicate) -> this.confirmations.findByExternalId(externalId).flatMap((booked) -> {
						if (booked.isEmpty()) {
							return Mono.error(duplicate);
						}
						if (!sameWork(booked.get(), withId)) {
							return Mono.error(new Rejection("idempotency.keyReused",
									"This Idempotency-Key was used before for"
											+ " another confirmation that the ERP still holds (order "
											+ booked.get().orderId() + ", operation " + booked.get().operation()
											+ ", yield " + plain(booked.get().yield())
											+ "); use a new key for a new confirmation."));
						}
						return Mono.just(booked.get());
					}));
	}

	private static boolean sameWork(Confirmation booked, ConfirmationRequest request) {
		return booked.orderId().equals(request.orderId()) && booked.operation().equals(request.operation())
				&& same(booked.yield(), request.yield()) && same(booked.scrap(), request.scrap())
				&& booked.finalConfirmation() == request.finalConfirmation();
	}

	private static boolean same(Quantity booked, Quantity requested) {
		return booked.unit().equals(requested.unit()) && booked.value().compareTo(requested.value()) == 0;
	}

	private static String plain(Quantity quantity) {
		return quantity.value().stripTrailingZeros().toPlainString() + " " + quantity.unit().code();
	}

}
