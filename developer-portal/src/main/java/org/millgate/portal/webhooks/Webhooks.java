package org.millgate.portal.webhooks;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * A partner's webhooks: create one for some shipment event types, rotate its secret, see
 * its deliveries with their attempts, replay them from a point in time, re-queue a dead
 * one, delete it. A partner sees and changes its own webhooks only; an operator replays
 * any. Every change is in the audit log, never a secret.
 */
public class Webhooks {

	private static final Logger logger = LoggerFactory.getLogger(Webhooks.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final WebhookStore store;

	private final TransactionTemplate transactions;

	private final WebhookSettings settings;

	private final EndpointGuard guard;

	private final List<String> eventTypes;

	private final Clock clock;

	Webhooks(WebhookStore store, TransactionTemplate transactions, WebhookSettings settings, List<String> eventTypes,
			Clock clock) {
		this.store = store;
		this.transactions = transactions;
		this.settings = settings;
		this.guard = new EndpointGuard(settings.allowHttp(), settings.allowPrivateAddresses());
		this.eventTypes = List.copyOf(eventTypes);
		this.clock = clock;
	}

	/**
	 * The event types a webhook may receive.
	 * @return the CloudEvents types of the shipment events
	 */
	public List<String> eventTypes() {
		return this.eventTypes;
	}

	/**
	 * Whether the partner has ship-to parties registered, without which it receives
	 * nothing.
	 * @param partnerId the partner
	 * @return its ship-to parties
	 */
	public Set<String> shipTos(String partnerId) {
		return this.settings.shipTosOf(partnerId);
	}

	/**
	 * A partner's webhooks.
	 * @param actor who asks
	 * @return its webhooks not deleted, oldest first
	 */
	public List<Webhook> webhooks(Actor actor) {
		return this.store.webhooks(partner(actor));
	}

	/**
	 * One of the partner's webhooks.
	 * @param actor who asks
	 * @param id the webhook
	 * @return it
	 * @throws NotFound when the partner has none of that id
	 */
	public Webhook webhook(Actor actor, String id) {
		return this.store.webhook(id)
			.filter((webhook) -> webhook.partnerId().equals(partner(actor)) && webhook.active())
			.orElseThrow(() -> new NotFound("No webhook " + id + " of yours."));
	}

	/**
	 * A webhook's latest deliveries with their attempts, newest event first.
	 * @param webhook the webhook
	 * @param limit how many
	 * @return the deliveries
	 */
	public List<Delivery> deliveries(Webhook webhook, int limit) {
		return this.store.deliveries(webhook.id(), limit);
	}

	/**
	 * How many of a webhook's deliveries are in each state.
	 * @param webhook the webhook
	 * @return the count per state
	 */
	public Map<String, Long> counts(Webhook webhook) {
		return this.store.counts(webhook.id());
	}

	/**
	 * Creates a webhook.
	 * @param actor the partner's user
	 * @param url the endpoint
	 * @param types the event types it wants
	 * @return the webhook, with its secret
	 * @throws Refused saying why it cannot be created
	 */
	public Webhook create(Actor actor, String url, List<String> types) {
		String partnerId = partner(actor);
		this.guard.check(url);
		Set<String> wanted = new LinkedHashSet<>();
		for (String type : types) {
			if (!this.eventTypes.contains(type)) {
				throw new Refused("Unknown event type '" + type + "': choose among " + this.eventTypes + ".");
			}
			wanted.add(type);
		}
		if (wanted.isEmpty()) {
			throw new Refused("Choose at least one event type.");
		}
		Instant now = this.clock.instant();
		Webhook webhook = new Webhook("wh_" + HexFormat.of().formatHex(randomBytes(12)), partnerId, url.strip(),
				new ArrayList<>(wanted), Signatures.newSecret(), null, null, actor.name(), now, null);
		this.transactions.executeWithoutResult((status) -> {
			if (this.store.activeWebhooks(partnerId) >= this.settings.perPartner()) {
				throw new Refused("A partner may have at most " + this.settings.perPartner()
						+ " webhooks; delete one you no longer use first.");
			}
			this.store.insert(webhook);
			this.store.audit(now, actor.name(), partnerId, "webhook.created", webhook.id(),
					webhook.url() + " " + String.join(" ", webhook.eventTypes()));
		});
		logger.info("Webhook {} of partner {} created by {} for {}", webhook.id(), partnerId, actor.name(),
				webhook.eventTypes());
		return webhook;
	}

	/**
	 * Gives a webhook a new secret; the old one signs beside it for the overlap.
	 * @param actor the partner's user
	 * @param id the webhook
	 * @return the webhook with its new secret
	 */
	public Webhook rotate(Actor actor, String id) {
		Webhook webhook = webhook(actor, id);
		Instant now = this.clock.instant();
		String secret = Signatures.newSecret();
		Instant until = now.plus(this.settings.secretOverlap());
		this.transactions.executeWithoutResult((status) -> {
			this.store.rotated(webhook.id(), secret, webhook.secret(), until);
			this.store.audit(now, actor.name(), webhook.partnerId(), "webhook.secret-rotated", webhook.id(),
					"previous secret signs until " + until);
		});
		logger.info("Webhook {} of partner {}: secret rotated by {}, the previous one signs until {}", webhook.id(),
				webhook.partnerId(), actor.name(), until);
		return this.store.webhook(id).orElseThrow();
	}

	/**
	 * Deletes a webhook: nothing more is sent to it.
	 * @param actor the partner's user
	 * @param id the webhook
	 */
	public void delete(Actor actor, String id) {
		Webhook webhook = webhook(actor, id);
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			this.store.deleted(webhook.id(), now);
			this.store.audit(now, actor.name(), webhook.partnerId(), "webhook.deleted", webhook.id(), webhook.url());
		});
		logger.info("Webhook {} of partner {} deleted by {}", webhook.id(), webhook.partnerId(), actor.name());
	}

	/**
	 * Sends a partner's webhook its events again from a point in time, in order.
	 * @param actor the partner's user
	 * @param id the webhook
	 * @param from the time
	 * @return how many events are queued
	 */
	public int replay(Actor actor, String id, Instant from) {
		Webhook webhook = webhook(actor, id);
		if (from.isAfter(this.clock.instant())) {
			throw new Refused("The replay's start is in the future.");
		}
		return replay(webhook, 0, from, actor.name());
	}

	/**
	 * An operator's replay of any webhook, from a time or from an event (that event and
	 * all after it).
	 * @param operator who replays
	 * @param id the webhook
	 * @param from the time, or null
	 * @param eventId the event, or null
	 * @return how many events are queued
	 * @throws NotFound when there is no such webhook or event
	 */
	public int replayAsOperator(String operator, String id, Instant from, String eventId) {
		Webhook webhook = this.store.webhook(id)
			.filter(Webhook::active)
			.orElseThrow(() -> new NotFound("No webhook " + id + "."));
		if (eventId != null) {
			long seq = this.store.eventSeq(eventId)
				.orElseThrow(() -> new NotFound("No event " + eventId + " was received for webhooks."));
			return replay(webhook, seq, Instant.EPOCH, operator);
		}
		return replay(webhook, 0, from, operator);
	}

	private int replay(Webhook webhook, long fromSeq, Instant from, String actor) {
		Instant now = this.clock.instant();
		Integer queued = this.transactions.execute((status) -> {
			List<WebhookStore.EventRef> events = this.store.eventsFrom(fromSeq, from,
					this.settings.shipTosOf(webhook.partnerId()), webhook.eventTypes());
			events.forEach((event) -> this.store.queue(webhook.id(), event, now));
			this.store.audit(now, actor, webhook.partnerId(), "webhook.replayed", webhook.id(),
					events.size() + " events from " + ((fromSeq > 0) ? "event #" + fromSeq : from.toString()));
			return events.size();
		});
		logger.info("Webhook {} of partner {}: {} events queued again by {}", webhook.id(), webhook.partnerId(), queued,
				actor);
		return queued;
	}

	/**
	 * Queues a dead delivery again.
	 * @param actor the partner's user
	 * @param id the webhook
	 * @param deliveryId the delivery
	 */
	public void requeue(Actor actor, String id, long deliveryId) {
		Webhook webhook = webhook(actor, id);
		Delivery delivery = this.store.delivery(deliveryId)
			.filter((candidate) -> candidate.webhookId().equals(webhook.id()))
			.orElseThrow(() -> new NotFound("No delivery " + deliveryId + " of webhook " + id + "."));
		if (!Delivery.DEAD.equals(delivery.state())) {
			throw new Refused("Only a dead delivery can be queued again; this one is " + delivery.state() + ".");
		}
		Instant now = this.clock.instant();
		this.transactions.executeWithoutResult((status) -> {
			this.store.queue(webhook.id(), new WebhookStore.EventRef(delivery.eventSeq(), delivery.subject()), now);
			this.store.audit(now, actor.name(), webhook.partnerId(), "webhook.requeued", webhook.id(),
					"event " + delivery.eventId());
		});
	}

	private static String partner(Actor actor) {
		if (actor.partnerId() == null || actor.partnerId().isBlank()) {
			throw new Refused("Only a partner's users have webhooks.");
		}
		return actor.partnerId();
	}

	private static byte[] randomBytes(int n) {
		byte[] bytes = new byte[n];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/**
	 * Who acts.
	 *
	 * @param name the user
	 * @param partnerId the partner the user belongs to
	 */
	public record Actor(String name, String partnerId) {
	}

	/**
	 * A change that is not allowed, with the reason for the partner.
	 */
	public static class Refused extends RuntimeException {

		public Refused(String message) {
			super(message);
		}

	}

	/**
	 * No such webhook, delivery or event (or not the partner's).
	 */
	public static class NotFound extends RuntimeException {

		public NotFound(String message) {
			super(message);
		}

	}

}
