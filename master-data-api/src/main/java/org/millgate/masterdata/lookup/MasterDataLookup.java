package org.millgate.masterdata.lookup;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.problems.Rejection;
import org.millgate.erp.model.BillOfMaterial;
import org.millgate.erp.model.BomUsage;
import org.millgate.erp.model.MaterialMaster;
import org.millgate.erp.model.MaterialType;
import org.millgate.erp.model.Plant;
import org.millgate.erp.model.Snapshot;
import org.millgate.erp.model.StorageLocation;
import org.millgate.erp.model.UnitDefinition;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.MasterData;
import org.millgate.erp.port.MaterialPage;
import org.millgate.erp.port.MaterialQuery;

/**
 * What a caller may see of the ERP's master data. Access follows the token's plants: a
 * material is visible when one of them keeps it, and only their data is shown; a plant
 * outside them, or a material none of them keeps, is not found (never forbidden), so that
 * its existence does not leak.
 */
public final class MasterDataLookup {

	private final MasterData masterData;

	private final Clock clock;

	public MasterDataLookup(MasterData masterData, Clock clock) {
		this.masterData = masterData;
		this.clock = clock;
	}

	/**
	 * A material as the caller may see it: the data of its own plants only.
	 * @param caller who asks
	 * @param id the material
	 * @return the material; {@link Rejection} {@code material.notFound} when none of the
	 * caller's plants keeps it
	 */
	public Mono<MaterialMaster> material(Caller caller, String id) {
		return this.masterData.material(id)
			.onErrorMap(ErpFailure.NotFound.class, (missing) -> materialNotFound(id))
			.map((material) -> visible(caller, material).orElseThrow(() -> materialNotFound(id)));
	}

	/**
	 * One page of the materials kept in the caller's plants.
	 * @param caller who asks
	 * @param filter what it asks for
	 * @param after where the previous page ended, or null
	 * @param limit the page size
	 * @return the page, each material with the caller's plants only; {@link Rejection}
	 * {@code resource.notFound} for a plant filter outside the caller's plants
	 */
	public Mono<MaterialPage> materials(Caller caller, Filter filter, Position after, int limit) {
		if (filter.plant() != null && !caller.sees(filter.plant())) {
			return Mono.error(plantNotFound(filter.plant()));
		}
		Set<String> plants = new HashSet<>(caller.plants());
		if (filter.plant() != null) {
			plants.retainAll(Set.of(filter.plant()));
		}
		if (plants.isEmpty()) {
			return Mono.just(new MaterialPage(List.of(), null, null));
		}
		MaterialQuery query = new MaterialQuery(plants, filter.type(), filter.changedSince(),
				(after != null) ? after.lastChanged() : null, (after != null) ? after.material() : null, limit);
		return this.masterData.materials(query)
			.map((page) -> new MaterialPage(page.items().stream().map((material) -> only(material, plants)).toList(),
					page.nextChange(), page.nextAfter()));
	}

	/**
	 * A material's bill of materials in one of the caller's plants, valid on a day.
	 * @param caller who asks
	 * @param material the material
	 * @param plant the plant
	 * @param usage what it is for, or null for production
	 * @param validOn the day, or null for today (UTC)
	 * @return the bill of materials; {@link Rejection} {@code resource.notFound} for a
	 * plant outside the caller's, {@code material.notFound} or {@code bom.notFound}
	 */
	public Mono<BillOfMaterial> billOfMaterials(Caller caller, String material, String plant, BomUsage usage,
			LocalDate validOn) {
		if (!caller.sees(plant)) {
			return Mono.error(plantNotFound(plant));
		}
		BomUsage wanted = (usage != null) ? usage : BomUsage.PRODUCTION;
		LocalDate day = (validOn != null) ? validOn : LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		return material(caller, material).then(this.masterData.billOfMaterial(material, plant, wanted, day))
			.switchIfEmpty(Mono.error(() -> new Rejection("bom.notFound", "Material " + material
					+ " has no bill of materials for " + wanted + " in plant " + plant + " valid on " + day + ".")));
	}

	/**
	 * The units of measure and their decimals.
	 * @return the units
	 */
	public Mono<Snapshot<UnitDefinition>> units() {
		return this.masterData.units();
	}

	/**
	 * The caller's plants the ERP knows.
	 * @param caller who asks
	 * @return the plants
	 */
	public Mono<Snapshot<Plant>> plants(Caller caller) {
		return this.masterData.plants()
			.map((all) -> new Snapshot<>(all.items().stream().filter((plant) -> caller.sees(plant.plant())).toList(),
					all.asOf()));
	}

	/**
	 * The storage locations of one of the caller's plants.
	 * @param caller who asks
	 * @param plant the plant
	 * @return its storage locations; {@link Rejection} {@code resource.notFound} for a
	 * plant outside the caller's or one the ERP does not know
	 */
	public Mono<Snapshot<StorageLocation>> storageLocations(Caller caller, String plant) {
		if (!caller.sees(plant)) {
			return Mono.error(plantNotFound(plant));
		}
		return this.masterData.plants().flatMap((plants) -> {
			if (plants.items().stream().noneMatch((known) -> known.plant().equals(plant))) {
				return Mono.error(plantNotFound(plant));
			}
			return this.masterData.storageLocations(plant);
		});
	}

	/**
	 * The description to give: in the first of the caller's languages the ERP keeps one
	 * in, else in the ERP's own language, else in the first language it has.
	 * @param material the material
	 * @param languages the caller's languages in order of preference (ISO 639-1 or a
	 * language tag; {@code *} for any)
	 * @return the description and its language
	 */
	public static Description description(MaterialMaster material, List<String> languages) {
		for (String range : languages) {
			String language = range.split("-", 2)[0].toLowerCase(Locale.ROOT);
			if ("*".equals(language)) {
				break;
			}
			String text = material.descriptions().get(language);
			if (text != null) {
				return new Description(text, language);
			}
		}
		String own = material.descriptions().get(material.erpLanguage());
		if (own != null) {
			return new Description(own, material.erpLanguage());
		}
		return material.descriptions()
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.findFirst()
			.map((entry) -> new Description(entry.getValue(), entry.getKey()))
			.orElse(new Description("", material.erpLanguage()));
	}

	private static Optional<MaterialMaster> visible(Caller caller, MaterialMaster material) {
		return material.keptInAny(caller.plants()) ? Optional.of(only(material, caller.plants())) : Optional.empty();
	}

	private static MaterialMaster only(MaterialMaster material, Set<String> plants) {
		return new MaterialMaster(material.id(), material.descriptions(), material.erpLanguage(), material.type(),
				material.baseUnit(), material.conversions(), material.batchManaged(), material.grossWeight(),
				material.netWeight(), material.markedForDeletion(), material.lastChanged(),
				material.plants().stream().filter((plant) -> plants.contains(plant.plant())).toList(), material.asOf());
	}

	private static Rejection materialNotFound(String id) {
		return new Rejection("material.notFound", "There is no material " + id + " in the caller's plants.");
	}

	private static Rejection plantNotFound(String plant) {
		return new Rejection("resource.notFound", "There is no plant " + plant + " visible to the caller.");
	}

	/**
	 * What a list asks for.
	 *
	 * @param plant only materials this plant keeps, or null
	 * @param type only materials of this kind, or null
	 * @param changedSince only materials changed on or after this day, or null
	 */
	public record Filter(String plant, MaterialType type, LocalDate changedSince) {
	}

	/**
	 * Where a page ended.
	 *
	 * @param lastChanged the last change day of the last material read
	 * @param material that material
	 */
	public record Position(LocalDate lastChanged, String material) {
	}

	/**
	 * A description and its language.
	 *
	 * @param text the description
	 * @param language its language (ISO 639-1)
	 */
	public record Description(String text, String language) {
	}

}
