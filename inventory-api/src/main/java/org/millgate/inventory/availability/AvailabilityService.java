package org.millgate.inventory.availability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.problems.Rejection;
import org.millgate.erp.model.Material;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.Reservations;
import org.millgate.erp.port.StockLevels;

/**
 * Availability of one material, or of many at once (a bill of materials), within the
 * caller's plants. Many materials cost one stock read and one reservation read (the
 * facade splits very long lists); material master data comes from the facade's cache.
 *
 * @param stock the stock port
 * @param reservations the reservations port
 * @param materials the materials port
 * @param productionSupply the production supply storage locations of a plant
 */
public record AvailabilityService(StockLevels stock, Reservations reservations, Materials materials,
		Function<String, List<String>> productionSupply) {

	/**
	 * The availability of one material.
	 * @param caller who asks
	 * @param item what to ask
	 * @return the availability; {@link Rejection} for an invisible plant, an unknown
	 * material or an unconvertible unit
	 */
	public Mono<MaterialAvailability> one(Caller caller, Item item) {
		if (!caller.sees(item.plant())) {
			return Mono
				.error(new Rejection("resource.notFound", "Plant " + item.plant() + " is not visible to the caller."));
		}
		return material(item.material())
			.switchIfEmpty(Mono.error(() -> new Rejection("material.notFound",
					"There is no material " + item.material() + " in plant " + item.plant() + ".")))
			.flatMap((material) -> Mono
				.zip(this.stock.stock(item.plant(), List.of(item.material())),
						this.reservations.open(item.plant(), List.of(item.material())))
				.map((erp) -> AvailabilityCalculator.calculate(item.request(), material, erp.getT1().items(),
						erp.getT2().items(), this.productionSupply.apply(item.plant()),
						earlier(erp.getT1().asOf(), erp.getT2().asOf()))));
	}

	/**
	 * The availability of many materials of one plant, each with its outcome.
	 * @param caller who asks
	 * @param plant the plant
	 * @param items what to ask, in order
	 * @return one outcome per item, in the same order
	 */
	public Mono<List<Outcome>> many(Caller caller, String plant, List<Item> items) {
		if (!caller.sees(plant)) {
			return Mono.error(new Rejection("resource.notFound", "Plant " + plant + " is not visible to the caller."));
		}
		List<String> materials = items.stream().map(Item::material).distinct().toList();
		return Mono
			.zip(this.stock.stock(plant, materials), this.reservations.open(plant, materials),
					Flux.fromIterable(materials)
						.flatMap((id) -> material(id).map(List::of).defaultIfEmpty(List.of()), 8)
						.flatMapIterable(Function.identity())
						.collectMap(Material::id))
			.map((erp) -> {
				Instant asOf = earlier(erp.getT1().asOf(), erp.getT2().asOf());
				List<Outcome> outcomes = new ArrayList<>();
				for (Item item : items) {
					Material material = erp.getT3().get(item.material());
					if (material == null) {
						outcomes.add(new Outcome(item, "MATERIAL_NOT_FOUND", null, "material.notFound",
								"There is no material " + item.material() + " in plant " + plant + "."));
						continue;
					}
					try {
						outcomes
							.add(new Outcome(item, "FOUND",
									AvailabilityCalculator.calculate(item.request(), material, erp.getT1().items(),
											erp.getT2().items(), this.productionSupply.apply(plant), asOf),
									null, null));
					}
					catch (Rejection unconvertible) {
						outcomes.add(new Outcome(item, "UNIT_NOT_CONVERTIBLE", null, unconvertible.code(),
								unconvertible.getMessage()));
					}
				}
				return outcomes;
			});
	}

	private Mono<Material> material(String id) {
		return this.materials.material(id).onErrorResume(ErpFailure.NotFound.class, (missing) -> Mono.empty());
	}

	private static Instant earlier(Instant first, Instant second) {
		return first.isBefore(second) ? first : second;
	}

	/**
	 * One material asked for.
	 *
	 * @param material the material
	 * @param plant the plant
	 * @param storageLocation only this storage location, or null
	 * @param batch only this batch, or null
	 * @param unit the unit wanted, or null for the base unit
	 * @param breakdown how finely to split
	 */
	public record Item(String material, String plant, String storageLocation, String batch, UnitOfMeasure unit,
			Breakdown breakdown) {

		AvailabilityCalculator.Request request() {
			return new AvailabilityCalculator.Request(this.material, this.plant, this.storageLocation, this.batch,
					this.unit, this.breakdown);
		}

	}

	/**
	 * The answer for one item of a query.
	 *
	 * @param item the item
	 * @param outcome FOUND, MATERIAL_NOT_FOUND or UNIT_NOT_CONVERTIBLE
	 * @param availability the availability when found
	 * @param code the problem code otherwise
	 * @param detail the explanation otherwise
	 */
	public record Outcome(Item item, String outcome, MaterialAvailability availability, String code, String detail) {

	}

}
