package org.millgate.erp.sap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.millgate.erp.model.ProcessingStatus;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.model.Shipment;
import org.millgate.erp.model.ShipmentItem;
import org.millgate.erp.port.Deliveries;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.Page;
import org.millgate.erp.port.ShipmentQuery;
import org.millgate.erp.resilience.ErpCalls;

import static org.millgate.erp.sap.SapValues.date;
import static org.millgate.erp.sap.SapValues.decimal;
import static org.millgate.erp.sap.SapValues.optionalText;
import static org.millgate.erp.sap.SapValues.text;

/**
 * Outbound deliveries from {@code API_OUTBOUND_DELIVERY_SRV;v=0002}, whose statuses are
 * {@code A} not yet, {@code B} partly, {@code C} completely processed, blank not
 * relevant.
 */
final class SapDeliveries implements Deliveries {

	private static final String HEADER = "A_OutbDeliveryHeader";

	private final SapHttp http;

	private final ErpCalls calls;

	private final SapUnits units;

	SapDeliveries(SapHttp http, ErpCalls calls, SapUnits units) {
		this.http = http;
		this.calls = calls;
		this.units = units;
	}

	@Override
	public Mono<Shipment> shipment(String id, boolean withItems) {
		Map<String, String> query = withItems ? Map.of("$expand", "to_DeliveryDocumentItem") : Map.of();
		return this.calls
			.read("shipment.read",
					() -> this.http.get(SapRelease.DELIVERIES, HEADER + "(" + ODataFilter.literal(id) + ")", query))
			.map((answer) -> shipment(answer.entity()));
	}

	@Override
	public Mono<Page<Shipment>> shipments(ShipmentQuery query) {
		List<ODataFilter> conditions = new ArrayList<>();
		if (!query.shippingPoints().isEmpty()) {
			conditions.add(ODataFilter.in("ShippingPoint", query.shippingPoints().stream().sorted().toList()));
		}
		if (!query.shipTos().isEmpty()) {
			conditions.add(ODataFilter.in("ShipToParty", query.shipTos().stream().sorted().toList()));
		}
		if (query.changedSince() != null) {
			conditions.add(ODataFilter.ge("LastChangeDate", query.changedSince()));
		}
		if (query.afterChange() != null && query.afterId() != null) {
			conditions.add(ODataFilter.gt("LastChangeDate", query.afterChange())
				.or(ODataFilter.eq("LastChangeDate", query.afterChange())
					.and(ODataFilter.gt("DeliveryDocument", query.afterId()))));
		}
		Map<String, String> options = new LinkedHashMap<>();
		if (!conditions.isEmpty()) {
			options.put("$filter", ODataFilter.all(conditions).toString());
		}
		options.put("$orderby", "LastChangeDate,DeliveryDocument");
		if (query.withItems()) {
			options.put("$expand", "to_DeliveryDocumentItem");
		}
		options.put("$top", Integer.toString(query.limit() + 1));
		return this.calls.read("shipment.list", () -> this.http.getAll(SapRelease.DELIVERIES, HEADER, options))
			.map((entities) -> new Page<>(
					entities.subList(0, Math.min(query.limit(), entities.size())).stream().map(this::shipment).toList(),
					entities.size() > query.limit()));
	}

	private Shipment shipment(JsonNode entity) {
		List<ShipmentItem> items = new ArrayList<>();
		JsonNode expanded = entity.path("to_DeliveryDocumentItem").path("results");
		expanded
			.forEach((item) -> items.add(new ShipmentItem(text(item, "DeliveryDocumentItem"), text(item, "Material"),
					text(item, "Plant"), optionalText(item, "StorageLocation"), optionalText(item, "Batch"),
					new Quantity(decimal(item, "ActualDeliveryQuantity"),
							this.units.canonical(text(item, "DeliveryQuantityUnit"))),
					status(item, "PickingStatus"), status(item, "PackingStatus"),
					status(item, "GoodsMovementStatus"))));
		String block = text(entity, "TotalBlockStatus");
		return new Shipment(text(entity, "DeliveryDocument"), text(entity, "ShippingPoint"),
				optionalText(entity, "SoldToParty"), text(entity, "ShipToParty"),
				status(entity, "OverallPickingStatus"), status(entity, "OverallPickingConfStatus"),
				status(entity, "OverallPackingStatus"), status(entity, "OverallGoodsMovementStatus"),
				status(entity, "OverallProofOfDeliveryStatus"), status(entity, "OverallWarehouseActivityStatus"),
				!block.isBlank() && !block.equals("A"), date(entity, "PlannedGoodsIssueDate"),
				date(entity, "ActualGoodsMovementDate"), date(entity, "DeliveryDate"), date(entity, "LastChangeDate"),
				items);
	}

	private static ProcessingStatus status(JsonNode entity, String field) {
		String value = text(entity, field);
		return switch (value) {
			case "" -> ProcessingStatus.NOT_RELEVANT;
			case "A" -> ProcessingStatus.NOT_STARTED;
			case "B" -> ProcessingStatus.PARTIAL;
			case "C" -> ProcessingStatus.COMPLETE;
			default -> throw new ErpFailure.Malformed("unknown status '" + value + "' in " + field, null);
		};
	}

}
