package org.millgate.erp.sap;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.millgate.erp.model.MaterialBatch;
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
 *
 * <p>
 * SAP leaves {@code LastChangeDate} empty until a delivery is first changed; such a
 * delivery's last change is its {@code CreationDate}. A list is keyset-paged on that day
 * and the delivery number, a key no delivery lacks: the changed and the never changed
 * deliveries are read apart, each ordered by its own date, and merged.
 */
final class SapDeliveries implements Deliveries {

	private static final String HEADER = "A_OutbDeliveryHeader";

	private static final String ITEM = "A_OutbDeliveryItem";

	private static final String CHANGED = "LastChangeDate";

	private static final String CREATED = "CreationDate";

	private static final Comparator<Shipment> ORDER = Comparator.comparing(Shipment::lastChanged)
		.thenComparing(Shipment::id);

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
		// changed ones by their change date, never changed ones by their creation date
		Mono<List<JsonNode>> changed = page(query, CHANGED, ODataFilter.ne(CHANGED, null));
		Mono<List<JsonNode>> unchanged = page(query, CREATED, ODataFilter.eq(CHANGED, null));
		return Mono.zip(changed, unchanged).map((both) -> {
			List<Shipment> merged = new ArrayList<>();
			both.getT1().forEach((entity) -> merged.add(shipment(entity)));
			both.getT2().forEach((entity) -> merged.add(shipment(entity)));
			merged.sort(ORDER);
			return new Page<>(merged.subList(0, Math.min(query.limit(), merged.size())), merged.size() > query.limit());
		});
	}

	// One of the two halves of a page: at most limit + 1 deliveries after the position.
	private Mono<List<JsonNode>> page(ShipmentQuery query, String day, ODataFilter which) {
		List<ODataFilter> conditions = reach(query.shippingPoints(), query.shipTos());
		conditions.add(which);
		if (query.changedSince() != null) {
			conditions.add(ODataFilter.ge(day, query.changedSince()));
		}
		if (query.afterChange() != null && query.afterId() != null) {
			conditions.add(ODataFilter.gt(day, query.afterChange())
				.or(ODataFilter.eq(day, query.afterChange()).and(ODataFilter.gt("DeliveryDocument", query.afterId()))));
		}
		Map<String, String> options = new LinkedHashMap<>();
		options.put("$filter", ODataFilter.all(conditions).toString());
		options.put("$orderby", day + ",DeliveryDocument");
		if (query.withItems()) {
			options.put("$expand", "to_DeliveryDocumentItem");
		}
		options.put("$top", Integer.toString(query.limit() + 1));
		return this.calls.read("shipment.list", () -> this.http.getAll(SapRelease.DELIVERIES, HEADER, options));
	}

	@Override
	public Mono<List<Shipment>> shipmentsWithBatches(Set<String> shippingPoints, Set<String> shipTos,
			Collection<MaterialBatch> batches) {
		List<MaterialBatch> wanted = batches.stream().distinct().toList();
		if (wanted.isEmpty()) {
			return Mono.just(List.of());
		}
		return Flux.fromIterable(Chunks.of(wanted)).concatMap((chunk) -> {
			ODataFilter any = null;
			for (MaterialBatch batch : chunk) {
				ODataFilter one = ODataFilter.eq("Material", batch.material())
					.and(ODataFilter.eq("Plant", batch.plant()))
					.and(ODataFilter.eq("Batch", batch.batch()));
				any = (any == null) ? one : any.or(one);
			}
			Map<String, String> query = new LinkedHashMap<>();
			query.put("$filter", any.toString());
			query.put("$select", "DeliveryDocument");
			return this.calls.read("shipment.find", () -> this.http.getAll(SapRelease.DELIVERIES, ITEM, query));
		})
			.concatMapIterable((items) -> items.stream().map((item) -> text(item, "DeliveryDocument")).toList())
			.collect(TreeSet<String>::new, Set::add)
			.flatMap((ids) -> ids.isEmpty() ? Mono.just(List.<Shipment>of()) : byIds(shippingPoints, shipTos, ids));
	}

	private Mono<List<Shipment>> byIds(Set<String> shippingPoints, Set<String> shipTos, Set<String> ids) {
		return Flux.fromIterable(Chunks.of(List.copyOf(ids))).concatMap((chunk) -> {
			List<ODataFilter> conditions = reach(shippingPoints, shipTos);
			conditions.add(ODataFilter.in("DeliveryDocument", chunk));
			Map<String, String> query = new LinkedHashMap<>();
			query.put("$filter", ODataFilter.all(conditions).toString());
			query.put("$expand", "to_DeliveryDocumentItem");
			return this.calls.read("shipment.list", () -> this.http.getAll(SapRelease.DELIVERIES, HEADER, query));
		}).concatMapIterable((entities) -> entities.stream().map(this::shipment).toList()).collectList();
	}

	private static List<ODataFilter> reach(Set<String> shippingPoints, Set<String> shipTos) {
		List<ODataFilter> conditions = new ArrayList<>();
		if (!shippingPoints.isEmpty()) {
			conditions.add(ODataFilter.in("ShippingPoint", shippingPoints.stream().sorted().toList()));
		}
		if (!shipTos.isEmpty()) {
			conditions.add(ODataFilter.in("ShipToParty", shipTos.stream().sorted().toList()));
		}
		return conditions;
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
				date(entity, "ActualGoodsMovementDate"), date(entity, "DeliveryDate"), lastChanged(entity), items);
	}

	// The last change, or the creation of a delivery never changed since.
	private static LocalDate lastChanged(JsonNode entity) {
		LocalDate changed = date(entity, CHANGED);
		LocalDate day = (changed != null) ? changed : date(entity, CREATED);
		if (day == null) {
			throw new ErpFailure.Malformed("delivery " + entity.path("DeliveryDocument").asString("")
					+ " has neither a " + CHANGED + " nor a " + CREATED, null);
		}
		return day;
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
