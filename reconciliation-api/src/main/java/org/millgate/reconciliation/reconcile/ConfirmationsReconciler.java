package org.millgate.reconciliation.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.millgate.erp.model.Confirmation;
import org.millgate.erp.model.EnteredConfirmation;
import org.millgate.erp.model.Material;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.port.Confirmations;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.Materials;

/**
 * Compares the confirmations posted through the platform (from their
 * {@code order-confirmed} events) with the ERP's, per confirmation.
 * <ul>
 * <li>Posted, not in the ERP: {@code CONFIRMATION_MISSING_IN_ERP}.</li>
 * <li>Posted, reversed in the ERP: {@code CONFIRMATION_REVERSED_IN_ERP}.</li>
 * <li>Posted in a unit the ERP's cannot be converted from:
 * {@code CONFIRMATION_UNIT}.</li>
 * <li>Posted with another yield or scrap than the ERP holds:
 * {@code CONFIRMATION_QUANTITY}.</li>
 * <li>Entered in the ERP within the window, not reversed, and neither posted through the
 * platform nor carrying the external id the platform sends with every posting:
 * {@code CONFIRMATION_NOT_POSTED_THROUGH_PLATFORM}. The external id makes a confirmation
 * the platform booked count as its own even before its event has reached this service
 * (the outbox waits for the change feed), so that no lag is reported as a mismatch.</li>
 * </ul>
 */
final class ConfirmationsReconciler {

	private static final int PAGE = 500;

	private final ReconciliationStore store;

	private final Confirmations confirmations;

	private final Materials materials;

	private final Tolerances tolerances;

	ConfirmationsReconciler(ReconciliationStore store, Confirmations confirmations, Materials materials,
			Tolerances tolerances) {
		this.store = store;
		this.confirmations = confirmations;
		this.materials = materials;
		this.tolerances = tolerances;
	}

	Outcome reconcile(Run run, List<Mismatch> open, RunCalls erp) {
		String plant = run.plant();
		// the ERP's confirmations entered within the window
		List<EnteredConfirmation> entered = new ArrayList<>();
		Confirmations.EntryKey key = new Confirmations.EntryKey(run.from(), null, false);
		while (true) {
			List<EnteredConfirmation> page = erp.call(this.confirmations.entered(Set.of(plant), key, PAGE));
			boolean beyond = false;
			for (EnteredConfirmation confirmation : page) {
				if (!confirmation.confirmation().enteredAt().isBefore(run.to())) {
					beyond = true;
					break;
				}
				entered.add(confirmation);
			}
			if (beyond || page.size() < PAGE) {
				break;
			}
			Confirmation last = page.get(page.size() - 1).confirmation();
			key = new Confirmations.EntryKey(last.enteredAt(), last.id(), false);
		}
		Map<String, Confirmation> inErp = new HashMap<>();
		Map<String, String> materialOf = new HashMap<>();
		entered.forEach((confirmation) -> {
			inErp.put(confirmation.confirmation().id(), confirmation.confirmation());
			materialOf.put(confirmation.confirmation().orderId(), confirmation.material());
		});
		// what the platform posted within the window, and what the open mismatches are
		// about
		Map<String, PostedConfirmation> posted = new LinkedHashMap<>();
		this.store.postedIn(plant, run.from(), run.to()).forEach((p) -> posted.put(p.confirmationId(), p));
		Set<String> openIds = new LinkedHashSet<>();
		Set<String> openOrders = new LinkedHashSet<>();
		for (Mismatch mismatch : open) {
			openIds.add(mismatch.subject().confirmationId());
			openOrders.add(mismatch.subject().orderId());
		}
		if (!openOrders.isEmpty()) {
			this.store.postedFor(openOrders)
				.stream()
				.filter((p) -> openIds.contains(p.confirmationId()))
				.forEach((p) -> posted.putIfAbsent(p.confirmationId(), p));
		}
		// the orders whose confirmations are to be read whole: those with a posted
		// confirmation the window's read did not find (entered just outside it, or
		// missing), and those of open mismatches
		Set<String> orders = new LinkedHashSet<>(openOrders);
		posted.values()
			.stream()
			.filter((p) -> !inErp.containsKey(p.confirmationId()))
			.forEach((p) -> orders.add(p.orderId()));
		Map<String, Confirmation> ofOrders = new HashMap<>();
		for (String order : orders) {
			for (Confirmation confirmation : erp.call(this.confirmations.ofOrder(order).collectList())) {
				ofOrders.put(confirmation.id(), confirmation);
				inErp.putIfAbsent(confirmation.id(), confirmation);
			}
		}
		Instant readAt = Instant.now();
		List<Finding> findings = new ArrayList<>();
		for (PostedConfirmation p : posted.values()) {
			Confirmation e = inErp.get(p.confirmationId());
			Subject subject = Subject.confirmation(p.orderId(), p.operation(), p.confirmationId());
			Map<String, Object> reported = Evidence.reported("MES", p.source(), null, postedValue(p), p.postedAt());
			if (e == null) {
				findings.add(new Finding(MismatchKind.CONFIRMATION_MISSING_IN_ERP, plant, subject,
						Evidence.of(null, reported, List.of())));
				continue;
			}
			Map<String, Object> erpSide = Evidence.erp(erpValue(e), readAt);
			if (e.reversed()) {
				findings.add(new Finding(MismatchKind.CONFIRMATION_REVERSED_IN_ERP, plant, subject,
						Evidence.of(erpSide, reported, List.of())));
				continue;
			}
			UnitOfMeasure postedUnit = UnitOfMeasure.of(p.unit());
			Quantity yield = e.yield();
			Quantity scrap = e.scrap();
			if (!yield.unit().equals(postedUnit)) {
				Optional<Material> material = material(p.material(), erp);
				Optional<Quantity> convertedYield = material.flatMap((m) -> m.convert(yield, postedUnit));
				Optional<Quantity> convertedScrap = material.flatMap((m) -> m.convert(scrap, postedUnit));
				if (convertedYield.isEmpty() || convertedScrap.isEmpty()) {
					findings.add(new Finding(MismatchKind.CONFIRMATION_UNIT, plant, subject,
							Evidence.of(erpSide, reported, List.of())));
					continue;
				}
				if (!same(plant, convertedYield.get().value(), p.yield())
						|| !same(plant, convertedScrap.get().value(), p.scrap())) {
					findings.add(new Finding(MismatchKind.CONFIRMATION_QUANTITY, plant, subject,
							Evidence.of(erpSide, reported, List.of())));
				}
				continue;
			}
			if (!same(plant, yield.value(), p.yield()) || !same(plant, scrap.value(), p.scrap())) {
				findings.add(new Finding(MismatchKind.CONFIRMATION_QUANTITY, plant, subject,
						Evidence.of(erpSide, reported, List.of())));
			}
		}
		// entered in the ERP itself: within the window, and those of open mismatches
		Map<String, Confirmation> candidates = new LinkedHashMap<>();
		entered.forEach((c) -> candidates.put(c.confirmation().id(), c.confirmation()));
		for (Mismatch mismatch : open) {
			if (mismatch.kind() == MismatchKind.CONFIRMATION_NOT_POSTED_THROUGH_PLATFORM) {
				Confirmation c = ofOrders.get(mismatch.subject().confirmationId());
				if (c != null) {
					candidates.putIfAbsent(c.id(), c);
				}
			}
		}
		Set<String> candidateOrders = new LinkedHashSet<>();
		candidates.values().forEach((c) -> candidateOrders.add(c.orderId()));
		Set<String> everPosted = new HashSet<>();
		if (!candidateOrders.isEmpty()) {
			this.store.postedFor(candidateOrders).forEach((p) -> everPosted.add(p.confirmationId()));
		}
		for (Confirmation c : candidates.values()) {
			if (c.reversal() || c.reversed() || c.externalId() != null || everPosted.contains(c.id())) {
				continue;
			}
			findings.add(new Finding(MismatchKind.CONFIRMATION_NOT_POSTED_THROUGH_PLATFORM, plant,
					Subject.confirmation(c.orderId(), c.operation(), c.id()),
					Evidence.of(Evidence.erp(erpValue(c), readAt), null, List.of())));
		}
		return new Outcome(findings, entered.size() + ofOrders.size(), posted.size());
	}

	private Optional<Material> material(String id, RunCalls erp) {
		try {
			return Optional.of(erp.call(this.materials.material(id)));
		}
		catch (ErpFailure.NotFound ex) {
			return Optional.empty();
		}
	}

	private boolean same(String plant, BigDecimal a, BigDecimal b) {
		return this.tolerances.equal(plant, a, b);
	}

	private static Map<String, Object> postedValue(PostedConfirmation p) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("yield", Evidence.quantity(p.yield(), p.unit()));
		value.put("scrap", Evidence.quantity(p.scrap(), p.unit()));
		value.put("reversed", false);
		return value;
	}

	private static Map<String, Object> erpValue(Confirmation c) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("yield", Evidence.quantity(c.yield().value(), c.yield().unit().code()));
		value.put("scrap", Evidence.quantity(c.scrap().value(), c.scrap().unit().code()));
		value.put("reversed", c.reversed());
		return value;
	}

}
