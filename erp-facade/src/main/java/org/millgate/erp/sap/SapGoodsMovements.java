package org.millgate.erp.sap;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.millgate.erp.model.GoodsMovement;
import org.millgate.erp.model.MaterialBatch;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.model.StockType;
import org.millgate.erp.port.GoodsMovements;
import org.millgate.erp.resilience.ErpCalls;

import static org.millgate.erp.sap.SapValues.date;
import static org.millgate.erp.sap.SapValues.decimal;
import static org.millgate.erp.sap.SapValues.optionalText;
import static org.millgate.erp.sap.SapValues.text;

/**
 * Goods movements from the material documents of {@code API_MATERIAL_DOCUMENT_SRV}, read
 * by document number: headers after the last one read, by year and number, with their
 * items. Which stock type an item leaves and enters follows from its movement type, the
 * item's {@code InventoryStockType} naming the one a receipt enters or its reversal
 * leaves.
 */
final class SapGoodsMovements implements GoodsMovements {

	private static final String HEADER = "A_MaterialDocumentHeader";

	private static final String ITEM = "A_MaterialDocumentItem";

	// movement type to the stock type left and entered; null is outside the plant's
	// stock, "*" the item's own InventoryStockType
	private static final Map<String, String[]> RULES = Map.ofEntries(Map.entry("101", new String[] { null, "*" }),
			Map.entry("102", new String[] { "*", null }), Map.entry("261", new String[] { "01", null }),
			Map.entry("262", new String[] { null, "01" }), Map.entry("311", new String[] { "01", "01" }),
			Map.entry("312", new String[] { "01", "01" }), Map.entry("321", new String[] { "02", "01" }),
			Map.entry("322", new String[] { "01", "02" }), Map.entry("343", new String[] { "07", "01" }),
			Map.entry("344", new String[] { "01", "07" }), Map.entry("349", new String[] { "07", "02" }),
			Map.entry("350", new String[] { "02", "07" }), Map.entry("551", new String[] { "01", null }),
			Map.entry("552", new String[] { null, "01" }), Map.entry("553", new String[] { "02", null }),
			Map.entry("554", new String[] { null, "02" }), Map.entry("555", new String[] { "07", null }),
			Map.entry("556", new String[] { null, "07" }));

	private final SapHttp http;

	private final ErpCalls calls;

	private final SapUnits units;

	SapGoodsMovements(SapHttp http, ErpCalls calls, SapUnits units) {
		this.http = http;
		this.calls = calls;
		this.units = units;
	}

	@Override
	public Mono<Batch> after(String afterYear, String afterDocument, int documents) {
		return read(null, afterYear, afterDocument, documents);
	}

	@Override
	public Mono<Batch> enteredSince(LocalDate enteredOnOrAfter, String afterYear, String afterDocument, int documents) {
		return read(Objects.requireNonNull(enteredOnOrAfter, "enteredOnOrAfter"), afterYear, afterDocument, documents);
	}

	private Mono<Batch> read(LocalDate enteredOnOrAfter, String afterYear, String afterDocument, int documents) {
		if (documents < 1) {
			throw new IllegalArgumentException("documents must be positive");
		}
		Map<String, String> query = new LinkedHashMap<>();
		List<ODataFilter> conditions = new ArrayList<>();
		if (enteredOnOrAfter != null) {
			conditions.add(ODataFilter.ge("CreationDate", enteredOnOrAfter));
		}
		if (afterYear != null && afterDocument != null) {
			conditions.add(ODataFilter.gt("MaterialDocumentYear", afterYear)
				.or(ODataFilter.eq("MaterialDocumentYear", afterYear)
					.and(ODataFilter.gt("MaterialDocument", afterDocument))));
		}
		if (!conditions.isEmpty()) {
			query.put("$filter", ODataFilter.all(conditions).toString());
		}
		query.put("$orderby", "MaterialDocumentYear,MaterialDocument");
		query.put("$top", Integer.toString(documents));
		query.put("$expand", "to_MaterialDocumentItem");
		return this.calls.read("goods-movement.list", () -> this.http.get(SapRelease.MATERIAL_DOCUMENTS, HEADER, query))
			.map((answer) -> {
				List<JsonNode> headers = answer.entities();
				List<GoodsMovement> movements = new ArrayList<>();
				String lastYear = null;
				String lastDocument = null;
				for (JsonNode header : headers) {
					lastYear = text(header, "MaterialDocumentYear");
					lastDocument = text(header, "MaterialDocument");
					movements.addAll(movements(header));
				}
				return new Batch(movements, lastYear, lastDocument, headers.size());
			});
	}

	@Override
	public Mono<List<GoodsMovement>> ofOrder(String orderId) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("$filter", ODataFilter.eq("ManufacturingOrder", orderId).toString());
		query.put("$select", "MaterialDocumentYear,MaterialDocument");
		return this.calls
			.read("goods-movement.of-order", () -> this.http.getAll(SapRelease.MATERIAL_DOCUMENTS, ITEM, query))
			.flatMap((items) -> {
				Set<List<String>> documents = new LinkedHashSet<>();
				items.forEach((item) -> documents
					.add(List.of(text(item, "MaterialDocumentYear"), text(item, "MaterialDocument"))));
				if (documents.isEmpty()) {
					return Mono.just(List.<GoodsMovement>of());
				}
				return Flux.fromIterable(Chunks.of(List.copyOf(documents))).concatMap((chunk) -> {
					ODataFilter filter = null;
					for (List<String> document : chunk) {
						ODataFilter one = ODataFilter.eq("MaterialDocumentYear", document.get(0))
							.and(ODataFilter.eq("MaterialDocument", document.get(1)));
						filter = (filter == null) ? one : filter.or(one);
					}
					Map<String, String> headers = new LinkedHashMap<>();
					headers.put("$filter", filter.toString());
					headers.put("$expand", "to_MaterialDocumentItem");
					return this.calls.read("goods-movement.of-order",
							() -> this.http.getAll(SapRelease.MATERIAL_DOCUMENTS, HEADER, headers));
				})
					.concatMapIterable((headers) -> headers)
					.concatMapIterable((header) -> movements(header))
					.filter((movement) -> orderId.equals(movement.order()))
					.collectList();
			});
	}

	// the items of a header read with them, by item
	private List<GoodsMovement> movements(JsonNode header) {
		LocalDate created = date(header, "CreationDate");
		LocalTime time = SapValues.time(header, "CreationTime");
		LocalDateTime entered = (created != null) ? created.atTime((time != null) ? time : LocalTime.MIDNIGHT) : null;
		List<JsonNode> items = new ArrayList<>();
		header.path("to_MaterialDocumentItem").path("results").forEach(items::add);
		items.sort(Comparator.comparing((item) -> text(item, "MaterialDocumentItem")));
		List<GoodsMovement> movements = new ArrayList<>();
		for (JsonNode item : items) {
			movements.add(movement(header, item, entered));
		}
		return movements;
	}

	private GoodsMovement movement(JsonNode header, JsonNode item, LocalDateTime entered) {
		String type = text(item, "GoodsMovementType");
		String[] rule = RULES.get(type);
		String named = optionalText(item, "InventoryStockType");
		named = (named == null) ? "01" : named;
		StockType from = null;
		StockType to = null;
		if (rule != null) {
			from = stockType("*".equals(rule[0]) ? named : rule[0]);
			to = stockType("*".equals(rule[1]) ? named : rule[1]);
		}
		String receiving = optionalText(item, "IssuingOrReceivingStorageLoc");
		String batch = optionalText(item, "Batch");
		return new GoodsMovement(text(header, "MaterialDocumentYear"), text(header, "MaterialDocument"),
				text(item, "MaterialDocumentItem"), type,
				new MaterialBatch(text(item, "Material"), text(item, "Plant"), (batch != null) ? batch : ""),
				optionalText(item, "StorageLocation"), (type.startsWith("31")) ? receiving : null, from, to,
				new Quantity(decimal(item, "QuantityInBaseUnit"), this.units.canonical(text(item, "MaterialBaseUnit"))),
				optionalText(item, "ManufacturingOrder"), optionalText(item, "ReservationItem"),
				optionalText(item, "GoodsMovementReasonCode"), date(header, "PostingDate"), entered,
				SapValues.flag(item, "GoodsMovementIsCancelled"));
	}

	private static StockType stockType(String code) {
		return (code != null) ? SapStockLevels.TYPES.getOrDefault(code, StockType.UNRESTRICTED) : null;
	}

}
