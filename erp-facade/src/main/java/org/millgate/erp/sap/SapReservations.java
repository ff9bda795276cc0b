package org.millgate.erp.sap;

import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.millgate.erp.model.MaterialRequirement;
import org.millgate.erp.model.Snapshot;
import org.millgate.erp.port.Reservations;
import org.millgate.erp.resilience.ErpCalls;
import org.millgate.erp.resilience.SharedReads;

/**
 * Open reservations from {@code A_ReservationDocumentItem}, where the material is called
 * {@code Product}; the service keeps no confirmed available quantity, so the items carry
 * none (null).
 */
final class SapReservations implements Reservations {

	private static final String SET = "A_ReservationDocumentItem";

	private final SapHttp http;

	private final ErpCalls calls;

	private final OrderMapping mapping;

	private final SharedReads<String, Snapshot<MaterialRequirement>> shared;

	private final Clock clock;

	SapReservations(SapHttp http, ErpCalls calls, OrderMapping mapping,
			SharedReads<String, Snapshot<MaterialRequirement>> shared, Clock clock) {
		this.http = http;
		this.calls = calls;
		this.mapping = mapping;
		this.shared = shared;
		this.clock = clock;
	}

	@Override
	public Mono<Snapshot<MaterialRequirement>> open(String plant, Collection<String> materials) {
		List<String> sorted = materials.stream().distinct().sorted().toList();
		if (sorted.isEmpty()) {
			return Mono.just(new Snapshot<>(List.of(), this.clock.instant()));
		}
		return this.shared.get(plant + "|" + String.join("|", sorted), () -> read(plant, sorted));
	}

	private Mono<Snapshot<MaterialRequirement>> read(String plant, List<String> materials) {
		return Flux.fromIterable(Chunks.of(materials)).concatMap((chunk) -> {
			Map<String, String> query = new LinkedHashMap<>();
			query.put("$filter",
					ODataFilter.eq("Plant", plant)
						.and(ODataFilter.in("Product", chunk))
						.and(ODataFilter.eq("ReservationItemIsFinallyIssued", false))
						.toString());
			return this.calls.read("reservation.read", () -> this.http.getAll(SapRelease.RESERVATIONS, SET, query));
		})
			.concatMapIterable((entities) -> entities.stream()
				// A_ReservationDocumentItem keeps no confirmed available quantity.
				.map((entity) -> this.mapping.requirement(entity, "Product", "ResvnItmRequiredQtyInBaseUnit",
						"ResvnItmWithdrawnQtyInBaseUnit", null, "ReservationItemIsFinallyIssued", "OrderID", null))
				.toList())
			.collectList()
			.map((items) -> new Snapshot<>(items, this.clock.instant()));
	}

}
