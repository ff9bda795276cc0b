package org.millgate.changefeed.sources;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import org.millgate.erp.model.OrderProgress;
import org.millgate.erp.model.ProductionOrder;
import org.millgate.erp.port.OrderQuery;
import org.millgate.erp.port.Page;
import org.millgate.erp.port.ProductionOrders;
import org.millgate.web.JsonText;

/**
 * Production orders, read by their last change (the ERP's {@code LastChangeDateTime},
 * then the order number): an order seen released for the first time becomes
 * {@code order-released}, one seen technically completed
 * {@code order-technically-completed}. The feed's state keeps, per order, which of the
 * two it has published, so that an order that changes again (a confirmation, a
 * rescheduling) does not announce them twice, and an order read again after a restart
 * neither.
 * <p>
 * The position is the last change read. Changes younger than the settle time are left for
 * the next read: the ERP stamps a change before it commits it, and a reader that had
 * moved past the stamp would never see the change.
 */
public final class OrderChanges implements Source {

	private static final String PRODUCT = "production-orders";

	static final String POSITION = "position/orders";

	private final ProductionOrders orders;

	private final Set<String> plants;

	private final int pageSize;

	private final Duration settle;

	private final Instant start;

	private final Function<String, ZoneId> zones;

	private final String topic;

	private final String version;

	/**
	 * A source of order changes.
	 * @param orders the ERP's orders
	 * @param plants the plants whose orders are published
	 * @param pageSize orders per read
	 * @param settle how old a change must be to be read
	 * @param start the first change to read when there is no position, or null for all
	 * @param zones each plant's time zone
	 * @param topic the topic of the {@code production-orders} events
	 * @param version its major version, e.g. {@code v1}
	 */
	public OrderChanges(ProductionOrders orders, Set<String> plants, int pageSize, Duration settle, Instant start,
			Function<String, ZoneId> zones, String topic, String version) {
		this.orders = orders;
		this.plants = Set.copyOf(plants);
		this.pageSize = pageSize;
		this.settle = settle;
		this.start = start;
		this.zones = zones;
		this.topic = topic;
		this.version = version;
	}

	@Override
	public String name() {
		return "orders";
	}

	@Override
	public Poll poll(FeedState state, Instant now, String correlationId) {
		Instant afterChange = null;
		String afterId = null;
		String position = state.get(POSITION).orElse(null);
		if (position != null) {
			int bar = position.indexOf('|');
			afterChange = Instant.parse(position.substring(0, bar));
			afterId = position.substring(bar + 1);
		}
		Page<ProductionOrder> page = this.orders
			.orders(new OrderQuery(this.plants, (position == null) ? this.start : null, afterChange, afterId,
					this.pageSize))
			.block(Duration.ofMinutes(2));
		List<FeedEvent> events = new ArrayList<>();
		Map<String, String> updates = new LinkedHashMap<>();
		Instant settled = now.minus(this.settle);
		boolean more = page.more();
		String reached = position;
		Instant last = null;
		for (ProductionOrder order : page.items()) {
			Instant changed = (order.lastChanged() != null) ? order.lastChanged() : Instant.EPOCH;
			if (changed.isAfter(settled)) {
				more = false;
				break;
			}
			changes(order, state, correlationId, events, updates);
			reached = changed + "|" + order.id();
			last = changed;
		}
		if (reached != null && !reached.equals(position)) {
			updates.put(POSITION, reached);
		}
		// caught up: every change up to the settle bound is read; otherwise the changes
		// of
		// the last second read may go on in the next page
		Instant watermark = !more ? settled : (last != null) ? last.minusSeconds(1) : null;
		return new Poll(events, updates, more, watermark);
	}

	private void changes(ProductionOrder order, FeedState state, String correlationId, List<FeedEvent> events,
			Map<String, String> updates) {
		String key = "order/" + order.id();
		String known = state.get(key).orElse("");
		String now = known;
		OrderProgress progress = order.progress();
		boolean technicallyCompleted = progress.technicallyCompleted() || progress.closed();
		// an order that went further was released before
		boolean released = progress.released() || progress.partiallyReleased() || progress.partiallyConfirmed()
				|| progress.confirmed() || progress.partiallyDelivered() || progress.delivered()
				|| technicallyCompleted;
		if (released && !now.contains("R")) {
			events.add(released(order, correlationId));
			now += "R";
		}
		if (technicallyCompleted && !now.contains("T")) {
			events.add(technicallyCompleted(order, correlationId));
			now += "T";
		}
		else if (!technicallyCompleted && now.contains("T")) {
			// technical completion revoked in the ERP: a later one is announced again
			now = now.replace("T", "");
		}
		if (!now.equals(known)) {
			updates.put(key, now);
		}
	}

	/**
	 * The {@code order-released} event of an order, as this source publishes it.
	 * @param order the order, released
	 * @param correlationId the id of the read that found it
	 * @return the event
	 */
	FeedEvent released(ProductionOrder order, String correlationId) {
		ZoneId zone = this.zones.apply(order.plant());
		OffsetDateTime releasedAt = releasedAt(order, zone);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("orderId", order.id());
		data.put("orderType", order.orderType());
		data.put("plant", order.plant());
		data.put("material", order.material());
		data.put("productionVersion", blankToNull(order.productionVersion()));
		Map<String, Object> quantities = new LinkedHashMap<>();
		quantities.put("planned", Payloads.quantity(order.planned()));
		quantities.put("plannedScrap", Payloads.quantity(order.plannedScrap()));
		data.put("quantities", quantities);
		data.put("plannedStart",
				(order.schedule().plannedStart() != null) ? Payloads.at(order.schedule().plannedStart(), zone)
						: Payloads.day(order.schedule().scheduledStart(), zone));
		data.put("plannedEnd",
				(order.schedule().plannedEnd() != null) ? Payloads.at(order.schedule().plannedEnd(), zone)
						: Payloads.day(order.schedule().scheduledEnd(), zone));
		data.put("releasedAt", releasedAt);
		return new FeedEvent(this.topic, order.id(), "production-order/" + order.id() + "/released",
				"dev.millgate.production-orders.order-released", order.id(), releasedAt.toInstant(),
				Payloads.dataschema(PRODUCT, this.version, "OrderReleasedData"), correlationId, JsonText.string(data));
	}

	private FeedEvent technicallyCompleted(ProductionOrder order, String correlationId) {
		OffsetDateTime completedAt = Payloads.at((order.lastChanged() != null) ? order.lastChanged() : Instant.EPOCH);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("orderId", order.id());
		data.put("orderType", order.orderType());
		data.put("plant", order.plant());
		data.put("material", order.material());
		Map<String, Object> quantities = new LinkedHashMap<>();
		quantities.put("planned", Payloads.quantity(order.planned()));
		quantities.put("confirmedYield", Payloads.quantity(order.confirmedYield()));
		quantities.put("confirmedScrap", Payloads.quantity(order.confirmedScrap()));
		quantities.put("delivered", Payloads.quantity(order.delivered()));
		data.put("quantities", quantities);
		data.put("technicallyCompletedAt", completedAt);
		return new FeedEvent(this.topic, order.id(), "production-order/" + order.id() + "/technically-completed",
				"dev.millgate.production-orders.order-technically-completed", order.id(), completedAt.toInstant(),
				Payloads.dataschema(PRODUCT, this.version, "OrderTechnicallyCompletedData"), correlationId,
				JsonText.string(data));
	}

	// The ERP keeps the day of the release only: the order's last change when that was on
	// the day of the release (the release is then most likely that change), otherwise
	// the start of that day in the plant's zone.
	private static OffsetDateTime releasedAt(ProductionOrder order, ZoneId zone) {
		LocalDate day = order.schedule().releasedOn();
		Instant changed = order.lastChanged();
		if (changed != null && (day == null || changed.atZone(zone).toLocalDate().equals(day))) {
			return changed.atZone(zone).toOffsetDateTime();
		}
		if (day != null) {
			return day.atStartOfDay(zone).toOffsetDateTime();
		}
		return Payloads.at(Instant.EPOCH);
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

}
