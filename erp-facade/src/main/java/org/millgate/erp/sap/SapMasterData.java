package org.millgate.erp.sap;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.millgate.erp.model.BillOfMaterial;
import org.millgate.erp.model.BomItem;
import org.millgate.erp.model.BomItemCategory;
import org.millgate.erp.model.BomUsage;
import org.millgate.erp.model.MaterialMaster;
import org.millgate.erp.model.MaterialPlant;
import org.millgate.erp.model.MaterialType;
import org.millgate.erp.model.Plant;
import org.millgate.erp.model.ProcurementType;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.model.Snapshot;
import org.millgate.erp.model.StorageLocation;
import org.millgate.erp.model.UnitConversion;
import org.millgate.erp.model.UnitDefinition;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.port.MasterData;
import org.millgate.erp.port.MaterialPage;
import org.millgate.erp.port.MaterialQuery;
import org.millgate.erp.resilience.ErpCalls;
import org.millgate.erp.resilience.SharedReads;

import static org.millgate.erp.sap.SapValues.date;
import static org.millgate.erp.sap.SapValues.decimal;
import static org.millgate.erp.sap.SapValues.flag;
import static org.millgate.erp.sap.SapValues.optionalText;
import static org.millgate.erp.sap.SapValues.text;

/**
 * Master data from the product master ({@code API_PRODUCT_SRV}), bills of materials
 * ({@code API_BILL_OF_MATERIAL_SRV;v=0002}) and plants ({@code API_PLANT_SRV}); units
 * from the platform's units table the facade was handed ({@link SapUnits}). Single reads
 * are shared and reused for the master-data cache time.
 */
final class SapMasterData implements MasterData {

	private static final Map<String, MaterialType> TYPES = Map.of("FERT", MaterialType.FINISHED, "HALB",
			MaterialType.SEMI_FINISHED, "ROH", MaterialType.RAW, "VERP", MaterialType.PACKAGING, "HAWA",
			MaterialType.TRADING);

	private static final Map<String, ProcurementType> PROCUREMENT = Map.of("E", ProcurementType.IN_HOUSE, "F",
			ProcurementType.EXTERNAL, "X", ProcurementType.BOTH);

	private static final Map<BomUsage, String> USAGES = Map.of(BomUsage.PRODUCTION, "1", BomUsage.ENGINEERING, "2",
			BomUsage.UNIVERSAL, "3", BomUsage.PLANT_MAINTENANCE, "4", BomUsage.SALES, "5", BomUsage.COSTING, "6");

	private static final Map<String, BomItemCategory> CATEGORIES = Map.of("L", BomItemCategory.STOCK, "N",
			BomItemCategory.NON_STOCK, "R", BomItemCategory.VARIABLE_SIZE, "T", BomItemCategory.TEXT, "D",
			BomItemCategory.DOCUMENT);

	static final String PRODUCT_EXPAND = "to_Description,to_Plant,to_ProductUnitsOfMeasure";

	/** Products read per ERP call while listing. */
	private static final int LIST_BATCH = 200;

	/** ERP calls at most per page of a list; the page then ends where reading stopped. */
	private static final int LIST_ROUNDS = 5;

	private final SapHttp http;

	private final ErpCalls calls;

	private final SapUnits units;

	private final String erpLanguage;

	private final Clock clock;

	private final SharedReads<String, MaterialMaster> materials;

	private final SharedReads<String, BillOfMaterial> boms;

	private final SharedReads<String, Snapshot<Plant>> plants;

	private final SharedReads<String, Snapshot<StorageLocation>> storageLocations;

	SapMasterData(SapHttp http, ErpCalls calls, SapUnits units, String erpLanguage, Settings settings) {
		this.http = http;
		this.calls = calls;
		this.units = units;
		this.erpLanguage = (erpLanguage != null) ? erpLanguage.toLowerCase(Locale.ROOT) : "en";
		this.clock = settings.clock();
		this.materials = new SharedReads<>(settings.timeToLive(), this.clock);
		this.boms = new SharedReads<>(settings.timeToLive(), this.clock);
		this.plants = new SharedReads<>(settings.timeToLive(), this.clock);
		this.storageLocations = new SharedReads<>(settings.timeToLive(), this.clock);
	}

	@Override
	public Mono<MaterialMaster> material(String id) {
		String key = ODataFilter.literal(id);
		return this.materials.get(id, () -> {
			Mono<JsonNode> product = this.calls
				.read("material.read",
						() -> this.http.get(SapRelease.PRODUCTS, "A_Product(" + key + ")",
								Map.of("$expand", PRODUCT_EXPAND)))
				.map(SapHttp.Answer::entity);
			Mono<List<JsonNode>> locations = this.calls.read("material.storageLocations", () -> this.http.getAll(
					SapRelease.PRODUCTS, "A_ProductStorageLocation",
					Map.of("$filter", ODataFilter.eq("Product", id).toString(), "$orderby", "Plant,StorageLocation")));
			return Mono.zip(product, locations).map((both) -> material(both.getT1(), both.getT2()));
		});
	}

	@Override
	public Mono<MaterialPage> materials(MaterialQuery query) {
		return round(query, query.afterChange(), query.afterId(), new ArrayList<>(), 1);
	}

	// Reads a batch after the position, keeps the plants' materials, and reads on until
	// the page is full, the ERP has no more, or the rounds are spent.
	private Mono<MaterialPage> round(MaterialQuery query, LocalDate afterChange, String afterId,
			List<MaterialMaster> found, int round) {
		List<ODataFilter> conditions = new ArrayList<>();
		if (query.type() != null) {
			conditions.add(typeFilter(query.type()));
		}
		if (query.changedSince() != null) {
			conditions.add(ODataFilter.ge("LastChangeDate", query.changedSince()));
		}
		if (afterChange != null && afterId != null) {
			conditions.add(ODataFilter.gt("LastChangeDate", afterChange)
				.or(ODataFilter.eq("LastChangeDate", afterChange).and(ODataFilter.gt("Product", afterId))));
		}
		Map<String, String> options = new LinkedHashMap<>();
		if (!conditions.isEmpty()) {
			options.put("$filter", ODataFilter.all(conditions).toString());
		}
		options.put("$orderby", "LastChangeDate,Product");
		options.put("$expand", PRODUCT_EXPAND);
		options.put("$top", Integer.toString(LIST_BATCH));
		return this.calls.read("material.list", () -> this.http.getAll(SapRelease.PRODUCTS, "A_Product", options))
			.flatMap((entities) -> {
				LocalDate lastChange = afterChange;
				String last = afterId;
				for (JsonNode entity : entities) {
					MaterialMaster material = material(entity, List.of());
					lastChange = material.lastChanged();
					last = material.id();
					if (material.keptInAny(query.plants())) {
						found.add(material);
						if (found.size() == query.limit()) {
							return Mono.just(new MaterialPage(found, lastChange, last));
						}
					}
				}
				if (entities.size() < LIST_BATCH) {
					return Mono.just(new MaterialPage(found, null, null));
				}
				if (round == LIST_ROUNDS) {
					return Mono.just(new MaterialPage(found, lastChange, last));
				}
				return round(query, lastChange, last, found, round + 1);
			});
	}

	private static ODataFilter typeFilter(MaterialType type) {
		List<String> codes = TYPES.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == type)
			.map(Map.Entry::getKey)
			.toList();
		if (!codes.isEmpty()) {
			return ODataFilter.in("ProductType", codes);
		}
		return ODataFilter
			.all(new TreeSet<>(TYPES.keySet()).stream().map((code) -> ODataFilter.ne("ProductType", code)).toList());
	}

	@Override
	public Mono<BillOfMaterial> billOfMaterial(String material, String plant, BomUsage usage, LocalDate validOn) {
		String key = material + "|" + plant + "|" + usage + "|" + validOn;
		return this.boms.get(key, () -> {
			ODataFilter header = ODataFilter.all(List.of(ODataFilter.eq("Material", material),
					ODataFilter.eq("Plant", plant), ODataFilter.eq("BillOfMaterialVariantUsage", USAGES.get(usage)),
					ODataFilter.le("HeaderValidityStartDate", validOn),
					ODataFilter.ge("HeaderValidityEndDate", validOn)));
			Map<String, String> options = new LinkedHashMap<>();
			options.put("$filter", header.toString());
			options.put("$orderby", "BillOfMaterialVariant");
			options.put("$expand", "to_BillOfMaterialItem");
			return this.calls
				.read("bom.read", () -> this.http.getAll(SapRelease.BILLS_OF_MATERIAL, "MaterialBOM", options))
				.flatMap((headers) -> headers.stream()
					.filter((entity) -> !flag(entity, "IsMarkedForDeletion"))
					.findFirst()
					.map((entity) -> Mono.just(bom(entity, usage, validOn)))
					.orElseGet(Mono::empty));
		});
	}

	@Override
	public Mono<Snapshot<Plant>> plants() {
		return this.plants.get("plants", () -> this.calls
			.read("plant.list", () -> this.http.getAll(SapRelease.PLANTS, "A_Plant", Map.of("$orderby", "Plant")))
			.map((entities) -> new Snapshot<>(entities.stream()
				.map((entity) -> new Plant(text(entity, "Plant"), text(entity, "PlantName")))
				.toList(), this.clock.instant())));
	}

	@Override
	public Mono<Snapshot<StorageLocation>> storageLocations(String plant) {
		return this.storageLocations.get(plant,
				() -> this.calls
					.read("storageLocation.list",
							() -> this.http.getAll(SapRelease.PLANTS, "A_StorageLocation",
									Map.of("$filter", ODataFilter.eq("Plant", plant).toString(), "$orderby",
											"StorageLocation")))
					.map((entities) -> new Snapshot<>(entities.stream()
						.map((entity) -> new StorageLocation(text(entity, "Plant"), text(entity, "StorageLocation"),
								text(entity, "StorageLocationName")))
						.toList(), this.clock.instant())));
	}

	@Override
	public Mono<Snapshot<UnitDefinition>> units() {
		return Mono.fromSupplier(() -> new Snapshot<>(this.units.definitions(), this.clock.instant()));
	}

	/**
	 * A material as the product master keeps it.
	 * @param entity an {@code A_Product} with its descriptions, plants and units expanded
	 * @param locations its {@code A_ProductStorageLocation}s, or none
	 * @return the material
	 */
	MaterialMaster material(JsonNode entity, List<JsonNode> locations) {
		UnitOfMeasure base = this.units.canonical(text(entity, "BaseUnit"));
		Map<String, String> descriptions = new TreeMap<>();
		for (JsonNode description : results(entity, "to_Description")) {
			String language = text(description, "Language").toLowerCase(Locale.ROOT);
			String value = text(description, "ProductDescription");
			if (!language.isEmpty() && !value.isBlank()) {
				descriptions.put(language, value);
			}
		}
		List<UnitConversion> conversions = new ArrayList<>();
		for (JsonNode unit : results(entity, "to_ProductUnitsOfMeasure")) {
			UnitOfMeasure alternative = this.units.canonicalOrNull(text(unit, "AlternativeUnit"));
			if (alternative != null && !alternative.equals(base)) {
				conversions.add(new UnitConversion(alternative, decimal(unit, "QuantityNumerator"),
						decimal(unit, "QuantityDenominator")));
			}
		}
		conversions.sort(Comparator.comparing((UnitConversion conversion) -> conversion.unit().code()));
		List<MaterialPlant> plants = new ArrayList<>();
		for (JsonNode plant : results(entity, "to_Plant")) {
			String code = text(plant, "Plant");
			List<String> stored = locations.stream()
				.filter((location) -> code.equals(text(location, "Plant")) && !flag(location, "IsMarkedForDeletion"))
				.map((location) -> text(location, "StorageLocation"))
				.distinct()
				.sorted()
				.toList();
			plants.add(new MaterialPlant(code,
					PROCUREMENT.getOrDefault(optionalText(plant, "ProcurementType"), ProcurementType.NONE),
					blankToNull(optionalText(plant, "MRPResponsible")), flag(plant, "IsBatchManagementRequired"),
					stored));
		}
		plants.sort(Comparator.comparing(MaterialPlant::plant));
		String weightUnit = optionalText(entity, "WeightUnit");
		UnitOfMeasure weight = (weightUnit != null && !weightUnit.isBlank()) ? this.units.canonicalOrNull(weightUnit)
				: null;
		return new MaterialMaster(text(entity, "Product"), descriptions, this.erpLanguage,
				TYPES.getOrDefault(text(entity, "ProductType"), MaterialType.OTHER), base, conversions,
				flag(entity, "IsBatchManagementRequired"), weight(entity, "GrossWeight", weight),
				weight(entity, "NetWeight", weight), flag(entity, "IsMarkedForDeletion"),
				date(entity, "LastChangeDate"), plants, this.clock.instant());
	}

	// A weight the ERP does not keep (zero, or without a unit the adapter knows) is none.
	private static Quantity weight(JsonNode entity, String field, UnitOfMeasure unit) {
		if (unit == null || entity.path(field).isMissingNode() || entity.path(field).isNull()) {
			return null;
		}
		BigDecimal value = decimal(entity, field);
		return (value.signum() > 0) ? new Quantity(value, unit) : null;
	}

	private BillOfMaterial bom(JsonNode entity, BomUsage usage, LocalDate validOn) {
		List<BomItem> items = new ArrayList<>();
		for (JsonNode item : results(entity, "to_BillOfMaterialItem")) {
			BomItem bomItem = new BomItem(text(item, "BillOfMaterialItemNumber"),
					blankToNull(optionalText(item, "BillOfMaterialComponent")),
					new Quantity(decimal(item, "BillOfMaterialItemQuantity"),
							this.units.canonical(text(item, "BillOfMaterialItemUnit"))),
					CATEGORIES.getOrDefault(text(item, "BillOfMaterialItemCategory"), BomItemCategory.OTHER),
					date(item, "ValidityStartDate"), date(item, "ValidityEndDate"));
			if (bomItem.validOn(validOn)) {
				items.add(bomItem);
			}
		}
		items.sort(Comparator.comparing(BomItem::item));
		return new BillOfMaterial(text(entity, "Material"), text(entity, "Plant"), usage,
				text(entity, "BillOfMaterialVariant"), new Quantity(decimal(entity, "BOMHeaderQuantityInBaseUnit"),
						this.units.canonical(text(entity, "BOMHeaderBaseUnit"))),
				validOn, items, this.clock.instant());
	}

	private static List<JsonNode> results(JsonNode entity, String navigation) {
		List<JsonNode> results = new ArrayList<>();
		entity.path(navigation).path("results").forEach(results::add);
		return results;
	}

	private static String blankToNull(String text) {
		return (text != null && !text.isBlank()) ? text : null;
	}

	/**
	 * How long reads are reused, and the clock.
	 *
	 * @param timeToLive the master-data cache time
	 * @param clock the clock
	 */
	record Settings(Duration timeToLive, Clock clock) {
	}

}
