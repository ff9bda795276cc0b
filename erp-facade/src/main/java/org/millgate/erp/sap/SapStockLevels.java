package org.millgate.erp.sap;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.millgate.erp.model.Quantity;
import org.millgate.erp.model.Snapshot;
import org.millgate.erp.model.StockPosition;
import org.millgate.erp.model.StockType;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.StockLevels;
import org.millgate.erp.resilience.ErpCalls;
import org.millgate.erp.resilience.SharedReads;

import static org.millgate.erp.sap.SapValues.decimal;
import static org.millgate.erp.sap.SapValues.optionalText;
import static org.millgate.erp.sap.SapValues.text;

/**
 * Stock from {@code A_MatlStkInAcctMod}, OData v2 or, from release 2023, v4; all
 * materials of one question in one call, identical questions shared.
 */
final class SapStockLevels implements StockLevels {

	private static final String SET = "A_MatlStkInAcctMod";

	// SAP's InventoryStockType codes
	static final Map<String, StockType> TYPES = Map.of("01", StockType.UNRESTRICTED, "02", StockType.QUALITY_INSPECTION,
			"03", StockType.RETURNS_BLOCKED, "04", StockType.TRANSFER_STORAGE_LOCATION, "05", StockType.TRANSFER_PLANT,
			"06", StockType.IN_TRANSIT, "07", StockType.BLOCKED, "08", StockType.RESTRICTED, "10",
			StockType.GOODS_RECEIPT_BLOCKED);

	private final SapHttp http;

	private final ErpCalls calls;

	private final SapRelease release;

	private final SapUnits units;

	private final SharedReads<String, Snapshot<StockPosition>> shared;

	private final Clock clock;

	SapStockLevels(SapHttp http, ErpCalls calls, SapRelease release, SapUnits units,
			SharedReads<String, Snapshot<StockPosition>> shared, Clock clock) {
		this.http = http;
		this.calls = calls;
		this.release = release;
		this.units = units;
		this.shared = shared;
		this.clock = clock;
	}

	@Override
	public Mono<Snapshot<StockPosition>> stock(String plant, Collection<String> materials) {
		List<String> sorted = materials.stream().distinct().sorted().toList();
		if (sorted.isEmpty()) {
			return Mono.just(new Snapshot<>(List.of(), this.clock.instant()));
		}
		return this.shared.get(plant + "|" + String.join("|", sorted), () -> read(plant, sorted));
	}

	@Override
	public Mono<Snapshot<StockPosition>> inStorageLocations(String plant, Collection<String> storageLocations) {
		List<String> sorted = storageLocations.stream().distinct().sorted().toList();
		Instant asOf = this.clock.instant();
		if (sorted.isEmpty()) {
			return Mono.just(new Snapshot<>(List.of(), asOf));
		}
		return Flux.fromIterable(Chunks.of(sorted)).concatMap((chunk) -> {
			Map<String, String> query = new LinkedHashMap<>();
			query.put("$filter",
					ODataFilter.eq("Plant", plant).and(ODataFilter.in("StorageLocation", chunk)).toString());
			return this.calls.read("stock.read", () -> this.http.getAll(this.release.stockService(), SET, query));
		})
			.concatMapIterable((entities) -> entities.stream().map(this::position).toList())
			.collectList()
			.map((positions) -> new Snapshot<>(positions, asOf));
	}

	// At most CHUNK materials per call keep the URL within what gateways accept.
	private Mono<Snapshot<StockPosition>> read(String plant, List<String> materials) {
		return Flux.fromIterable(Chunks.of(materials)).concatMap((chunk) -> {
			Map<String, String> query = new LinkedHashMap<>();
			query.put("$filter", ODataFilter.eq("Plant", plant).and(ODataFilter.in("Material", chunk)).toString());
			return this.calls.read("stock.read", () -> this.http.getAll(this.release.stockService(), SET, query));
		})
			.concatMapIterable((entities) -> entities.stream().map(this::position).toList())
			.collectList()
			.map((positions) -> new Snapshot<>(positions, this.clock.instant()));
	}

	private StockPosition position(JsonNode entity) {
		String type = text(entity, "InventoryStockType");
		StockType stockType = TYPES.get(type);
		if (stockType == null) {
			throw new ErpFailure.Malformed("unknown stock type '" + type + "'", null);
		}
		return new StockPosition(text(entity, "Material"), text(entity, "Plant"),
				optionalText(entity, "StorageLocation"), optionalText(entity, "Batch"), stockType,
				optionalText(entity, "InventorySpecialStockType") != null,
				new Quantity(decimal(entity, "MatlWrhsStkQtyInMatlBaseUnit"),
						this.units.canonical(text(entity, "MaterialBaseUnit"))));
	}

}
