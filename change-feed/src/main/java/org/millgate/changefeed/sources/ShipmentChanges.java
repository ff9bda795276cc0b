package org.millgate.changefeed.sources;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.millgate.changefeed.feed.FeedEvent;
import org.millgate.changefeed.feed.FeedState;
import org.millgate.changefeed.feed.Source;
import org.millgate.erp.model.MaterialBatch;
import org.millgate.erp.model.Shipment;
import org.millgate.erp.model.ShipmentItem;
import org.millgate.erp.port.Deliveries;
import org.millgate.erp.port.Page;
import org.millgate.erp.port.ShipmentQuery;
import org.millgate.erp.port.StockChanges;
import org.millgate.erp.shipping.ShipmentStatus;
import org.millgate.erp.shipping.ShipmentTracker;
import org.millgate.erp.shipping.ShippingPoints;
import org.millgate.erp.shipping.Step;
import org.millgate.erp.shipping.TrackedShipment;
import org.millgate.web.JsonText;

/**
 * Shipments (the ERP's outbound deliveries), tracked as the Shipments API tracks them
 * (erp-facade's {@link ShipmentTracker}: picking, packing, quality release of every
 * batch, blocks, goods issue, proof of delivery): a shipment whose checks all pass
 * becomes {@code ready-for-shipment}, one whose goods issue is posted {@code shipped},
 * one whose proof of delivery is complete {@code delivered}. A shipment is never
 * announced ready before its quality release and picking (and packing, where it applies)
 * are complete and nothing blocks it. The feed's state keeps per shipment what it
 * announced; a shipment that is no longer ready (a batch put back into quality
 * inspection) is announced again, with a new id, when it is ready again.
 * <p>
 * The ERP keeps the day of a delivery's last change, not the time, and a quality decision
 * on a batch changes a shipment without changing its delivery. So a pass reads the
 * deliveries changed since the day before the previous pass began (by day and number),
 * plus, at its start, the deliveries carrying batches decided on since then; what the
 * state already knows is not announced again.
 */
public final class ShipmentChanges implements Source {

	private static final String PRODUCT = "shipments";

	private static final String POSITION = "position/shipments";

	private final Deliveries deliveries;

	private final StockChanges stockChanges;

	private final ShipmentTracker tracker;

	private final Set<String> plants;

	private final Set<String> shippingPoints;

	private final int pageSize;

	private final Instant start;

	private final Function<String, ZoneId> zones;

	private final String topic;

	private final String version;

	/**
	 * A source of shipment changes.
	 * @param deliveries the ERP's deliveries
	 * @param stockChanges the ERP's quality decisions
	 * @param tracker tracks a shipment's checks and status
	 * @param shippingPoints the plant of each shipping point
	 * @param plants the plants whose shipments are published
	 * @param pageSize deliveries per read
	 * @param start the first change to read when there is no position, or null for all
	 * @param zones each plant's time zone
	 * @param topic the topic of the {@code shipments} events
	 * @param version its major version
	 */
	public ShipmentChanges(Deliveries deliveries, StockChanges stockChanges, ShipmentTracker tracker,
			ShippingPoints shippingPoints, Set<String> plants, int pageSize, Instant start,
			Function<String, ZoneId> zones, String topic, String version) {
		this.deliveries = deliveries;
		this.stockChanges = stockChanges;
		this.tracker = tracker;
		this.plants = Set.copyOf(plants);
		this.shippingPoints = shippingPoints.of(this.plants);
		this.pageSize = pageSize;
		this.start = start;
		this.zones = zones;
		this.topic = topic;
		this.version = version;
	}

	@Override
	public String name() {
		return "shipments";
	}

	@Override
	public Poll poll(FeedState state, Instant now, String correlationId) {
		if (this.shippingPoints.isEmpty()) {
			return new Poll(List.of(), Map.of(), false);
		}
		// "<pass start day>|<after day>|<after number>", parts empty where not set
		String[] position = state.get(POSITION).orElse("||").split("\\|", -1);
		LocalDate from = position[0].isEmpty()
				? ((this.start != null) ? LocalDate.ofInstant(this.start, ZoneOffset.UTC) : null)
				: LocalDate.parse(position[0]);
		LocalDate afterDay = position[1].isEmpty() ? null : LocalDate.parse(position[1]);
		String afterId = position[2].isEmpty() ? null : position[2];
		Page<Shipment> page = this.deliveries
			.shipments(new ShipmentQuery(this.shippingPoints, Set.of(), from, afterDay, afterId, this.pageSize, true))
			.block(Duration.ofMinutes(2));
		int calls = 1;
		Map<String, Shipment> candidates = new LinkedHashMap<>();
		page.items().forEach((shipment) -> candidates.put(shipment.id(), shipment));
		if (afterDay == null && from != null) {
			// a pass begins: quality decisions since its start move shipments too
			List<Shipment> decided = decidedSince(from);
			calls += decided.isEmpty() ? 1 : 2;
			decided.forEach((shipment) -> candidates.putIfAbsent(shipment.id(), shipment));
		}
		calls += trackingCalls(candidates.values());
		List<TrackedShipment> tracked = this.tracker.track(List.copyOf(candidates.values()))
			.block(Duration.ofMinutes(2));
		List<FeedEvent> events = new ArrayList<>();
		Map<String, String> updates = new LinkedHashMap<>();
		Instant observed = now.truncatedTo(ChronoUnit.SECONDS);
		for (TrackedShipment shipment : tracked) {
			if (shipment.plant() != null && this.plants.contains(shipment.plant())) {
				changes(shipment, state, observed, correlationId, events, updates);
			}
		}
		String next;
		if (page.more()) {
			Shipment last = page.items().get(page.items().size() - 1);
			next = text(from) + "|" + last.lastChanged() + "|" + last.id();
		}
		else {
			// the pass is complete: the next one reads again from the day before today,
			// as deliveries keep the day of their last change only
			next = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1) + "||";
		}
		if (!next.equals(state.get(POSITION).orElse(null))) {
			updates.put(POSITION, next);
		}
		return new Poll(events, updates, page.more(), null, calls);
	}

	// the tracker's reads: the stock of each plant with batches on the shipments and the
	// quality decisions on them (materials of items without a batch come from the
	// facade's cache)
	private int trackingCalls(Collection<Shipment> shipments) {
		Set<String> plantsWithBatches = new LinkedHashSet<>();
		for (Shipment shipment : shipments) {
			for (ShipmentItem item : shipment.items()) {
				if (item.batch() != null && !item.batch().isBlank()) {
					plantsWithBatches.add(this.tracker.plantOf(shipment, item));
				}
			}
		}
		return plantsWithBatches.isEmpty() ? 0 : plantsWithBatches.size() + 1;
	}

	private List<Shipment> decidedSince(LocalDate from) {
		Set<MaterialBatch> batches = new LinkedHashSet<>();
		this.stockChanges.statusChanges(this.plants, from, null)
			.blockOptional(Duration.ofMinutes(2))
			.orElse(List.of())
			.stream()
			.filter(ShipmentTracker::decidesRelease)
			.forEach((change) -> batches.add(change.batch()));
		if (batches.isEmpty()) {
			return List.of();
		}
		return this.deliveries.shipmentsWithBatches(this.shippingPoints, Set.of(), batches)
			.blockOptional(Duration.ofMinutes(2))
			.orElse(List.of());
	}

	// the state of a shipment: "R<readyAt>" while announced ready, "S" shipped, "D"
	// delivered, separated by commas
	private void changes(TrackedShipment tracked, FeedState state, Instant observed, String correlationId,
			List<FeedEvent> events, Map<String, String> updates) {
		String key = "shipment/" + tracked.shipment().id();
		String known = state.get(key).orElse("");
		List<String> flags = new ArrayList<>(known.isEmpty() ? List.of() : List.of(known.split(",")));
		ShipmentStatus status = tracked.status();
		String ready = flags.stream().filter((flag) -> flag.startsWith("R")).findFirst().orElse(null);
		if (status == ShipmentStatus.READY_FOR_SHIPMENT && ready == null) {
			events.add(ready(tracked, observed, correlationId));
			flags.add("R" + observed);
		}
		else if (!status.readyForShipment() && ready != null) {
			// no longer ready: a later readiness is announced again
			flags.remove(ready);
		}
		if ((status == ShipmentStatus.SHIPPED || status == ShipmentStatus.DELIVERED) && !flags.contains("S")) {
			events.add(shipped(tracked, observed, correlationId));
			flags.add("S");
		}
		if (status == ShipmentStatus.DELIVERED && !flags.contains("D")) {
			events.add(delivered(tracked, observed, correlationId));
			flags.add("D");
		}
		String now = String.join(",", flags);
		if (!now.equals(known)) {
			updates.put(key, now);
		}
	}

	private FeedEvent ready(TrackedShipment tracked, Instant observed, String correlationId) {
		Shipment shipment = tracked.shipment();
		Map<String, Object> data = header(tracked);
		Map<String, Object> checks = new LinkedHashMap<>();
		checks.put("picking", tracked.checks().picking().name());
		checks.put("packing", (tracked.checks().packing() == Step.NOT_RELEVANT) ? "NOT_RELEVANT" : "COMPLETED");
		checks.put("qualityReleased", tracked.checks().qualityReleased());
		checks.put("blocked", tracked.checks().blocked());
		data.put("checks", checks);
		data.put("plannedGoodsIssueDate", shipment.plannedGoodsIssue());
		data.put("plannedDeliveryDate", shipment.deliveryDate());
		data.put("readyAt", Payloads.at(observed));
		data.put("items", items(tracked));
		return event(tracked, "ready-for-shipment", "ReadyForShipmentData",
				"shipment/" + shipment.id() + "/ready/" + observed, observed, correlationId, data);
	}

	private FeedEvent shipped(TrackedShipment tracked, Instant observed, String correlationId) {
		Shipment shipment = tracked.shipment();
		LocalDate issued = issued(shipment, observed);
		OffsetDateTime shippedAt = at(issued, observed, this.zones.apply(tracked.plant()));
		Map<String, Object> data = header(tracked);
		data.put("actualGoodsIssueDate", issued);
		data.put("plannedDeliveryDate", shipment.deliveryDate());
		data.put("shippedAt", shippedAt);
		data.put("items", items(tracked));
		return event(tracked, "shipped", "ShippedData", "shipment/" + shipment.id() + "/shipped", shippedAt.toInstant(),
				correlationId, data);
	}

	private FeedEvent delivered(TrackedShipment tracked, Instant observed, String correlationId) {
		Shipment shipment = tracked.shipment();
		Map<String, Object> data = header(tracked);
		data.put("actualGoodsIssueDate", issued(shipment, observed));
		// the ERP keeps no time of the proof of delivery: when the feed saw it
		data.put("deliveredAt", Payloads.at(observed));
		data.put("items", items(tracked));
		return event(tracked, "delivered", "DeliveredData", "shipment/" + shipment.id() + "/delivered", observed,
				correlationId, data);
	}

	private static LocalDate issued(Shipment shipment, Instant observed) {
		return (shipment.actualGoodsIssue() != null) ? shipment.actualGoodsIssue()
				: LocalDate.ofInstant(observed, ZoneOffset.UTC);
	}

	// the ERP keeps the day of the goods issue only: when the feed saw it on that day,
	// otherwise the start of the day in the plant's zone
	private static OffsetDateTime at(LocalDate day, Instant observed, ZoneId zone) {
		return observed.atZone(zone).toLocalDate().equals(day) ? observed.atZone(zone).toOffsetDateTime()
				: day.atStartOfDay(zone).toOffsetDateTime();
	}

	private static Map<String, Object> header(TrackedShipment tracked) {
		Shipment shipment = tracked.shipment();
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("shipmentId", shipment.id());
		data.put("plant", tracked.plant());
		data.put("shippingPoint", shipment.shippingPoint());
		data.put("shipTo", shipment.shipTo());
		data.put("soldTo", blankToNull(shipment.soldTo()));
		return data;
	}

	private static List<Map<String, Object>> items(TrackedShipment tracked) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (TrackedShipment.Item item : tracked.items()) {
			ShipmentItem line = item.item();
			Map<String, Object> entry = new LinkedHashMap<>();
			String number = line.item().replaceFirst("^0+", "");
			entry.put("item", number.isEmpty() ? "0" : number);
			entry.put("material", line.material());
			entry.put("plant", (line.plant() != null && !line.plant().isBlank()) ? line.plant() : tracked.plant());
			entry.put("storageLocation", blankToNull(line.storageLocation()));
			entry.put("batch", blankToNull(line.batch()));
			entry.put("quantity", Payloads.quantity(line.quantity()));
			items.add(entry);
		}
		return items;
	}

	private FeedEvent event(TrackedShipment tracked, String kind, String schema, String id, Instant time,
			String correlationId, Map<String, Object> data) {
		String shipment = tracked.shipment().id();
		return new FeedEvent(this.topic, shipment, id, "dev.millgate.shipments." + kind, shipment, time,
				Payloads.dataschema(PRODUCT, this.version, schema), correlationId, JsonText.string(data));
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	private static String text(LocalDate day) {
		return (day != null) ? day.toString() : "";
	}

}
