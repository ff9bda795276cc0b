package org.millgate.erp.sap;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.millgate.erp.model.MaterialBatch;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.model.StockStatusChange;
import org.millgate.erp.model.StockType;
import org.millgate.erp.port.StockChanges;
import org.millgate.erp.resilience.ErpCalls;

import static org.millgate.erp.sap.SapValues.date;
import static org.millgate.erp.sap.SapValues.decimal;
import static org.millgate.erp.sap.SapValues.optionalText;
import static org.millgate.erp.sap.SapValues.text;

/**
 * Stock status changes from the material documents of {@code API_MATERIAL_DOCUMENT_SRV}:
 * the transfer postings between stock types (SAP movement types 321/322 quality
 * inspection and unrestricted, 343/344 blocked and unrestricted, 349/350 blocked and
 * quality inspection). The posting date is the header's, so headers are read by posting
 * date with their items; plants and movement types are picked from the items.
 */
final class SapStockChanges implements StockChanges {

	private static final String HEADER = "A_MaterialDocumentHeader";

	private static final Map<String, StockType[]> TRANSFERS = Map.of("321",
			new StockType[] { StockType.QUALITY_INSPECTION, StockType.UNRESTRICTED }, "322",
			new StockType[] { StockType.UNRESTRICTED, StockType.QUALITY_INSPECTION }, "343",
			new StockType[] { StockType.BLOCKED, StockType.UNRESTRICTED }, "344",
			new StockType[] { StockType.UNRESTRICTED, StockType.BLOCKED }, "349",
			new StockType[] { StockType.BLOCKED, StockType.QUALITY_INSPECTION }, "350",
			new StockType[] { StockType.QUALITY_INSPECTION, StockType.BLOCKED });

	private final SapHttp http;

	private final ErpCalls calls;

	private final SapUnits units;

	SapStockChanges(SapHttp http, ErpCalls calls, SapUnits units) {
		this.http = http;
		this.calls = calls;
		this.units = units;
	}

	@Override
	public Mono<List<StockStatusChange>> statusChanges(Collection<String> plants, LocalDate from, LocalDate until) {
		Set<String> wanted = Set.copyOf(plants);
		List<ODataFilter> conditions = new ArrayList<>();
		if (from != null) {
			conditions.add(ODataFilter.ge("PostingDate", from));
		}
		if (until != null) {
			conditions.add(ODataFilter.le("PostingDate", until));
		}
		Map<String, String> query = new LinkedHashMap<>();
		if (!conditions.isEmpty()) {
			query.put("$filter", ODataFilter.all(conditions).toString());
		}
		query.put("$expand", "to_MaterialDocumentItem");
		return this.calls
			.read("stock-change.list", () -> this.http.getAll(SapRelease.MATERIAL_DOCUMENTS, HEADER, query))
			.map((headers) -> {
				List<StockStatusChange> changes = new ArrayList<>();
				for (JsonNode header : headers) {
					LocalDate posted = date(header, "PostingDate");
					for (JsonNode item : header.path("to_MaterialDocumentItem").path("results")) {
						StockType[] transfer = TRANSFERS.get(text(item, "GoodsMovementType"));
						String plant = text(item, "Plant");
						if (transfer == null || SapValues.flag(item, "GoodsMovementIsCancelled")
								|| (!wanted.isEmpty() && !wanted.contains(plant))) {
							continue;
						}
						changes.add(new StockStatusChange(
								new MaterialBatch(text(item, "Material"), plant, text(item, "Batch")),
								optionalText(item, "StorageLocation"), transfer[0], transfer[1],
								new Quantity(decimal(item, "QuantityInBaseUnit"),
										this.units.canonical(text(item, "MaterialBaseUnit"))),
								posted));
					}
				}
				changes.sort(Comparator.comparing(StockStatusChange::postedOn));
				return changes;
			});
	}

}
