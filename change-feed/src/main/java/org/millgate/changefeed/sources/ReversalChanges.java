package org.millgate.changefeed.sources;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.millgate.changefeed.feed.FeedEvent;
import org.millgate.changefeed.feed.FeedState;
import org.millgate.changefeed.feed.Source;
import org.millgate.erp.model.ConfirmationReversal;
import org.millgate.erp.port.Confirmations;
import org.millgate.web.JsonText;

/**
 * Confirmations reversed in the ERP, read by the time the ERP entered the reversal: each
 * becomes {@code confirmation-reversed}, keyed by its order, with the id of the
 * confirmation it took back ({@code confirmation/<group>-<counter>/reversed}, the same as
 * the {@code order-confirmed} event's id with {@code /reversed}).
 * <p>
 * The position is the entry time and id of the last reversal read; a read starts at that
 * time again and passes over what it has read, as several reversals can share a time.
 * Reversals younger than the settle time wait for the next read, and so do those the
 * {@code confirmations} source has not read past: a confirmation's reversal never
 * precedes the confirmation.
 */
public final class ReversalChanges implements Source {

	private static final String PRODUCT = "production-orders";

	private static final String POSITION = "position/reversals";

	private final Confirmations confirmations;

	private final Set<String> plants;

	private final int pageSize;

	private final Duration settle;

	private final Instant start;

	private final String topic;

	private final String version;

	/**
	 * A source of reversals.
	 * @param confirmations the ERP's confirmations
	 * @param plants the plants whose orders' reversals are published
	 * @param pageSize reversals per read
	 * @param settle how old a reversal must be to be read
	 * @param start the first entry time to read when there is no position, or null
	 * @param topic the topic of the {@code production-orders} events
	 * @param version its major version
	 */
	public ReversalChanges(Confirmations confirmations, Set<String> plants, int pageSize, Duration settle,
			Instant start, String topic, String version) {
		this.confirmations = confirmations;
		this.plants = Set.copyOf(plants);
		this.pageSize = pageSize;
		this.settle = settle;
		this.start = start;
		this.topic = topic;
		this.version = version;
	}

	@Override
	public String name() {
		return "reversals";
	}

	@Override
	public Poll poll(FeedState state, Instant now, String correlationId) {
		String position = state.get(POSITION).orElse(null);
		EntryPosition last = EntryPosition.parse(position);
		List<ConfirmationReversal> page = this.confirmations
			.reversals(this.plants, (last != null) ? last.next() : EntryPosition.first(this.start), this.pageSize)
			.block(Duration.ofMinutes(2));
		List<FeedEvent> events = new ArrayList<>();
		Instant settled = now.minus(this.settle);
		// a reversal waits until the confirmations are read past it: the confirmation it
		// takes back is then published, or left to the API's outbox
		Instant confirmationsRead = ConfirmationChanges.read(state);
		String reached = position;
		boolean more = page.size() >= this.pageSize;
		for (ConfirmationReversal reversal : page) {
			Instant entered = (reversal.enteredAt() != null) ? reversal.enteredAt() : Instant.EPOCH;
			if (entered.isAfter(settled) || confirmationsRead == null || entered.isAfter(confirmationsRead)) {
				more = false;
				break;
			}
			if (last != null && last.passed(entered, reversal.reversalId())) {
				// read before
				continue;
			}
			events.add(event(reversal, entered, correlationId));
			reached = new EntryPosition(entered, reversal.reversalId()).toString();
		}
		Map<String, String> updates = new LinkedHashMap<>();
		if (reached != null && !reached.equals(position)) {
			updates.put(POSITION, reached);
		}
		else if (more) {
			// a whole page of reversals of one instant, all read: nothing new to read on
			more = false;
		}
		// the reversals, then the confirmations they took back
		return new Poll(events, updates, more, null, page.isEmpty() ? 1 : 2);
	}

	private FeedEvent event(ConfirmationReversal reversal, Instant entered, String correlationId) {
		String[] id = reversal.reversedId().split("-", 2);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("confirmationId", reversal.reversedId());
		data.put("confirmationGroup", id[0]);
		data.put("confirmationCounter", id[1]);
		data.put("reversalConfirmationId", reversal.reversalId());
		data.put("orderId", reversal.orderId());
		data.put("plant", reversal.plant());
		data.put("material", reversal.material());
		data.put("operation", reversal.operation());
		data.put("yield", Payloads.quantity(reversal.yield()));
		data.put("scrap", Payloads.quantity(reversal.scrap()));
		data.put("finalConfirmation", reversal.finalConfirmation());
		data.put("postingDate", reversal.postingDate());
		data.put("reversedAt", Payloads.at(entered));
		return new FeedEvent(this.topic, reversal.orderId(), "confirmation/" + reversal.reversedId() + "/reversed",
				"dev.millgate.production-orders.confirmation-reversed", reversal.orderId(), entered,
				Payloads.dataschema(PRODUCT, this.version, "ConfirmationReversedData"), correlationId,
				JsonText.string(data));
	}

}
