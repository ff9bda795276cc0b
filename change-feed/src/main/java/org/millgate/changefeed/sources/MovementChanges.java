package org.millgate.changefeed.sources;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.millgate.changefeed.feed.FeedEvent;
import org.millgate.changefeed.feed.FeedState;
import org.millgate.changefeed.feed.Source;
import org.millgate.erp.model.GoodsMovement;
import org.millgate.erp.model.StockType;
import org.millgate.erp.port.GoodsMovements;
import org.millgate.web.JsonText;

/**
 * Goods movements, read by material document number: every item of a document of the
 * feed's plants becomes one {@code inventory} event by its movement type, goods receipts
 * (101, 102), goods issues to an order (261, 262: material consumption), transfers
 * between storage locations or stock statuses (311 to 316, 321, 322, 343, 344, 349, 350)
 * and scrapping (551 to 556). Movement types without an event of their own (a goods issue
 * for a delivery, 601, is the shipment's {@code shipped}) are passed over. The id is the
 * document item's, so the same movement always yields the same event.
 * <p>
 * The position is the last document read. A document entered less than the settle time
 * ago is left for the next read, so that a document the ERP numbered earlier but commits
 * later is not passed over.
 */
public final class MovementChanges implements Source {

	private static final String PRODUCT = "inventory";

	private static final String POSITION = "position/material-documents";

	// movement types that take back an earlier posting of the same kind
	private static final Set<String> REVERSALS = Set.of("102", "262", "312", "314", "316", "552", "554", "556");

	private final GoodsMovements movements;

	private final Set<String> plants;

	private final int pageSize;

	private final Duration settle;

	private final ZoneId erpZone;

	private final Function<String, ZoneId> zones;

	private final String topic;

	private final String version;

	/**
	 * A source of goods movements.
	 * @param movements the ERP's material documents
	 * @param plants the plants whose movements are published
	 * @param pageSize documents per read
	 * @param settle how old a document must be to be read
	 * @param erpZone the ERP system's zone, in which it keeps when a document was entered
	 * @param zones each plant's time zone
	 * @param topic the topic of the {@code inventory} events
	 * @param version its major version, e.g. {@code v1}
	 */
	public MovementChanges(GoodsMovements movements, Set<String> plants, int pageSize, Duration settle, ZoneId erpZone,
			Function<String, ZoneId> zones, String topic, String version) {
		this.movements = movements;
		this.plants = Set.copyOf(plants);
		this.pageSize = pageSize;
		this.settle = settle;
		this.erpZone = erpZone;
		this.zones = zones;
		this.topic = topic;
		this.version = version;
	}

	@Override
	public String name() {
		return "material-documents";
	}

	@Override
	public Poll poll(FeedState state, Instant now, String correlationId) {
		String position = state.get(POSITION).orElse(null);
		String afterYear = null;
		String afterDocument = null;
		if (position != null) {
			int slash = position.indexOf('/');
			afterYear = position.substring(0, slash);
			afterDocument = position.substring(slash + 1);
		}
		GoodsMovements.Batch batch = this.movements.after(afterYear, afterDocument, this.pageSize)
			.block(Duration.ofMinutes(2));
		List<FeedEvent> events = new ArrayList<>();
		boolean more = batch.documents() >= this.pageSize;
		Instant settled = now.minus(this.settle);
		String reached = position;
		String document = null;
		List<FeedEvent> ofDocument = new ArrayList<>();
		for (GoodsMovement movement : batch.movements()) {
			String current = movement.year() + "/" + movement.document();
			if (!current.equals(document)) {
				// the document before is complete
				events.addAll(ofDocument);
				ofDocument.clear();
				if (document != null) {
					reached = document;
				}
				if (movement.enteredAt() != null
						&& movement.enteredAt().atZone(this.erpZone).toInstant().isAfter(settled)) {
					document = null;
					more = false;
					break;
				}
				document = current;
			}
			if (this.plants.contains(movement.batch().plant())) {
				FeedEvent event = event(movement, correlationId);
				if (event != null) {
					ofDocument.add(event);
				}
			}
		}
		if (document != null) {
			events.addAll(ofDocument);
			reached = document;
		}
		Map<String, String> updates = new LinkedHashMap<>();
		if (reached != null && !reached.equals(position)) {
			updates.put(POSITION, reached);
		}
		return new Poll(events, updates, more);
	}

	private FeedEvent event(GoodsMovement movement, String correlationId) {
		String type = movement.movementType();
		String kind;
		String schema;
		if (type.equals("101") || type.equals("102")) {
			kind = "goods-received";
			schema = "GoodsReceivedData";
		}
		else if (type.equals("261") || type.equals("262")) {
			kind = "goods-issued-to-order";
			schema = "GoodsIssuedToOrderData";
		}
		else if (type.matches("31[1-6]|32[12]|34[3489]|350")) {
			kind = "stock-transferred";
			schema = "StockTransferredData";
		}
		else if (type.matches("55[1-6]")) {
			kind = "scrap-posted";
			schema = "ScrapPostedData";
		}
		else {
			return null;
		}
		String plant = movement.batch().plant();
		ZoneId zone = this.zones.apply(plant);
		OffsetDateTime postedAt = (movement.enteredAt() != null)
				? movement.enteredAt().atZone(this.erpZone).withZoneSameInstant(zone).toOffsetDateTime()
				: Payloads.day(movement.postingDate(), zone);
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("number", movement.document());
		item.put("year", movement.year());
		item.put("item", movement.item());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("materialDocument", item);
		data.put("movementType", type);
		data.put("reversal", REVERSALS.contains(type));
		data.put("plant", plant);
		data.put("material", movement.batch().material());
		data.put("storageLocation", movement.storageLocation());
		if (kind.equals("stock-transferred")) {
			data.put("toStorageLocation", (movement.receivingStorageLocation() != null)
					? movement.receivingStorageLocation() : movement.storageLocation());
		}
		data.put("batch", movement.batch().batch().isEmpty() ? null : movement.batch().batch());
		data.put("quantity", Payloads.quantity(movement.quantity()));
		data.put("fromStockStatus", status(movement.from()));
		data.put("toStockStatus", status(movement.to()));
		data.put("orderId", movement.order());
		if (kind.equals("goods-issued-to-order")) {
			data.put("reservationItem", movement.reservationItem());
		}
		if (kind.equals("scrap-posted")) {
			data.put("reason", movement.reason());
		}
		data.put("postingDate", movement.postingDate());
		data.put("postedAt", postedAt);
		String key = plant + "/" + movement.batch().material();
		return new FeedEvent(this.topic, key,
				"material-document/" + movement.year() + "/" + movement.document() + "/" + movement.item(),
				"dev.millgate.inventory." + kind, key, postedAt.toInstant(),
				Payloads.dataschema(PRODUCT, this.version, schema), correlationId, JsonText.string(data));
	}

	// the canonical stock statuses of the inventory product
	private static String status(StockType type) {
		if (type == null) {
			return null;
		}
		return switch (type) {
			case UNRESTRICTED -> "ON_HAND";
			case QUALITY_INSPECTION -> "QUALITY_HOLD";
			case IN_TRANSIT, TRANSFER_PLANT, TRANSFER_STORAGE_LOCATION -> "IN_TRANSIT";
			default -> "BLOCKED";
		};
	}

}
