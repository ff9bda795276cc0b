package org.millgate.changefeed.sources;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.millgate.changefeed.feed.FeedEvent;
import org.millgate.changefeed.feed.FeedState;
import org.millgate.changefeed.feed.Source;
import org.millgate.erp.model.Confirmation;
import org.millgate.erp.model.EnteredConfirmation;
import org.millgate.erp.model.ProductionOrder;
import org.millgate.erp.port.Confirmations;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.ProductionOrders;
import org.millgate.web.JsonText;

/**
 * Confirmations, read by the time the ERP entered them. Two duties:
 * <ul>
 * <li>A confirmation entered in the ERP itself (by a user other than the ones the
 * Production Orders API books as) becomes {@code order-confirmed}, keyed by its order,
 * with the id {@code confirmation/<group>-<counter>}: the id the API's outbox gives the
 * confirmations it books, so that one confirmation has one id whichever way it came. The
 * API's own bookings are left to its outbox, which has the client's idempotency key and
 * correlation id.</li>
 * <li>No confirmation, from either source, precedes its order's release: before a
 * confirmation is passed, its order's {@code order-released} is published, by the
 * {@code orders} source or, when the order changed again before that source read it, by
 * this one, in the same transaction and before the confirmation. The watermark this
 * source publishes ({@code confirmations}) is the entry time up to which this holds; the
 * Production Orders API holds its confirmation events until it has passed their
 * time.</li>
 * </ul>
 * The position is the entry time and id of the last confirmation read, or, once every
 * confirmation entered up to the settle bound is read, that bound with {@code *}. A
 * confirmation whose order's release the {@code orders} source has not reached yet waits
 * for it, so that the release usually comes from there and costs no call of its own.
 */
public final class ConfirmationChanges implements Source {

	static final String POSITION = "position/confirmations";

	private static final String PRODUCT = "production-orders";

	private static final Logger logger = LoggerFactory.getLogger(ConfirmationChanges.class);

	private final Confirmations confirmations;

	private final ProductionOrders orders;

	private final OrderChanges releases;

	private final Set<String> apiUsers;

	private final Set<String> plants;

	private final int pageSize;

	private final Duration settle;

	private final Instant start;

	private final Function<String, ZoneId> zones;

	private final String topic;

	private final String version;

	/**
	 * A source of confirmations.
	 * @param confirmations the ERP's confirmations
	 * @param orders the ERP's orders, for a release the {@code orders} source passed over
	 * @param releases the {@code orders} source, whose release events this one publishes
	 * when it must
	 * @param apiUsers the ERP users the Production Orders API books confirmations as:
	 * their confirmations' events come from the API's outbox
	 * @param plants the plants whose orders' confirmations are published
	 * @param pageSize confirmations per read
	 * @param settle how old a confirmation must be to be read
	 * @param start the first entry time to read when there is no position, or null
	 * @param zones each plant's time zone, for the ERP's local execution times
	 * @param topic the topic of the {@code production-orders} events
	 * @param version its major version
	 */
	public ConfirmationChanges(Confirmations confirmations, ProductionOrders orders, OrderChanges releases,
			Set<String> apiUsers, Set<String> plants, int pageSize, Duration settle, Instant start,
			Function<String, ZoneId> zones, String topic, String version) {
		this.confirmations = confirmations;
		this.orders = orders;
		this.releases = releases;
		this.apiUsers = apiUsers.stream().map((user) -> user.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
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
		return "confirmations";
	}

	@Override
	public Poll poll(FeedState state, Instant now, String correlationId) {
		String position = state.get(POSITION).orElse(null);
		EntryPosition read = EntryPosition.parse(position);
		List<EnteredConfirmation> page = this.confirmations
			.entered(this.plants, (read != null) ? read.next() : EntryPosition.first(this.start), this.pageSize)
			.block(Duration.ofMinutes(2));
		Instant settled = now.minus(this.settle);
		Instant ordersRead = ordersRead(state);
		List<FeedEvent> events = new ArrayList<>();
		Map<String, String> updates = new LinkedHashMap<>();
		int calls = 1;
		String reached = position;
		Instant last = null;
		// whether every confirmation entered up to the settle bound is read
		boolean all = page.size() < this.pageSize;
		boolean waiting = false;
		for (EnteredConfirmation entered : page) {
			Confirmation confirmation = entered.confirmation();
			Instant at = (confirmation.enteredAt() != null) ? confirmation.enteredAt() : Instant.EPOCH;
			if (at.isAfter(settled)) {
				all = true;
				break;
			}
			if (read != null && read.passed(at, confirmation.id())) {
				continue;
			}
			String key = "order/" + confirmation.orderId();
			String known = updates.containsKey(key) ? updates.get(key) : state.get(key).orElse("");
			if (!known.contains("R")) {
				if (ordersRead == null || !ordersRead.isAfter(at)) {
					// the orders source has not read this far: the release comes from it
					waiting = true;
					break;
				}
				// the order changed again before the orders source read it
				calls++;
				events.addAll(release(confirmation, correlationId));
				updates.put(key, known + "R");
			}
			if (entered.enteredBy() == null || !this.apiUsers.contains(entered.enteredBy())) {
				events.add(confirmed(entered, at, correlationId));
			}
			reached = new EntryPosition(at, confirmation.id()).toString();
			last = at;
		}
		boolean caughtUp = all && !waiting;
		if (caughtUp && (read == null || read.at().isBefore(settled.minusSeconds(1)))) {
			// all read up to the bound: the position moves there, at most once a second,
			// so that reversals and the API's events need not wait for a next
			// confirmation
			reached = new EntryPosition(settled, EntryPosition.ALL).toString();
		}
		if (reached != null && !reached.equals(position)) {
			updates.put(POSITION, reached);
		}
		boolean more = !all && !waiting && last != null;
		Instant watermark = caughtUp ? settled : (last != null) ? last.minusMillis(1) : null;
		return new Poll(events, updates, more, watermark, calls);
	}

	// the release of a confirmation's order, read from the ERP
	private List<FeedEvent> release(Confirmation confirmation, String correlationId) {
		ProductionOrder order = this.orders.order(confirmation.orderId(), false)
			.onErrorResume(ErpFailure.NotFound.class, (ex) -> Mono.empty())
			.block(Duration.ofMinutes(2));
		if (order == null) {
			logger.warn("Confirmation {} is of order {}, which the ERP no longer has: its event goes without the "
					+ "order's release", confirmation.id(), confirmation.orderId());
			return List.of();
		}
		return List.of(this.releases.released(order, correlationId));
	}

	/**
	 * The entry time up to which every confirmation is read (and its order's release
	 * published), from the feed's state: for the reversals, which must not precede the
	 * confirmation they take back.
	 * @param state the feed's state
	 * @return the time, or null before the first read
	 */
	static Instant read(FeedState state) {
		EntryPosition read = EntryPosition.parse(state.get(POSITION).orElse(null));
		if (read == null) {
			return null;
		}
		return EntryPosition.ALL.equals(read.lastId()) ? read.at() : read.at().minusMillis(1);
	}

	// the change time up to which the orders source has read every order
	private static Instant ordersRead(FeedState state) {
		return state.get(OrderChanges.POSITION)
			.map((position) -> Instant.parse(position.substring(0, position.indexOf('|'))))
			.orElse(null);
	}

	private FeedEvent confirmed(EnteredConfirmation entered, Instant at, String correlationId) {
		Confirmation confirmation = entered.confirmation();
		ZoneId zone = this.zones.apply(entered.plant());
		String[] id = confirmation.id().split("-", 2);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("confirmationId", confirmation.id());
		data.put("confirmationGroup", id[0]);
		data.put("confirmationCounter", id[1]);
		data.put("orderId", confirmation.orderId());
		data.put("plant", entered.plant());
		data.put("material", entered.material());
		data.put("operation", confirmation.operation());
		data.put("yield", Payloads.quantity(confirmation.yield()));
		data.put("scrap", Payloads.quantity(confirmation.scrap()));
		data.put("finalConfirmation", confirmation.finalConfirmation());
		data.put("executionStart", Payloads.at(confirmation.executionStart(), zone));
		data.put("executionEnd", Payloads.at(confirmation.executionEnd(), zone));
		data.put("postingDate", confirmation.postingDate());
		data.put("postedAt", Payloads.at(at));
		data.put("varianceReason", entered.varianceReason());
		// not posted through the API: no client's key, no call's correlation id
		data.put("idempotencyKey", null);
		data.put("correlationId", null);
		return new FeedEvent(this.topic, confirmation.orderId(), "confirmation/" + confirmation.id(),
				"dev.millgate.production-orders.order-confirmed", confirmation.orderId(), at,
				Payloads.dataschema(PRODUCT, this.version, "OrderConfirmedData"), correlationId, JsonText.string(data));
	}

}
