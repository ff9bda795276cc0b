package org.millgate.orders.idempotency;

import reactor.core.publisher.Mono;

import org.millgate.product.web.events.EventOutbox;
import org.millgate.product.web.events.OutboxEvent;

/**
 * Where idempotency keys live.
 */
public interface IdempotencyStore {

	/**
	 * Claims a key for a request, or says what became of it.
	 * @param key the client's key, scoped by client
	 * @param fingerprint a digest of the request
	 * @return the claim
	 */
	Mono<Claim> claim(String key, String fingerprint);

	/**
	 * Records the answer of the request that claimed the key, and in the same step the
	 * event of what it booked in the outbox: a booking is never without its event, and an
	 * event never without its booking.
	 * @param key the key
	 * @param fingerprint the request's digest
	 * @param status the answer's status
	 * @param body the answer's body
	 * @param event the event of the booking, or null for none
	 * @return completion
	 */
	Mono<Void> complete(String key, String fingerprint, int status, String body, OutboxEvent event);

	/**
	 * The outbox the events of {@link #complete} wait in until the relay delivers them.
	 * @return the outbox
	 */
	EventOutbox outbox();

	/**
	 * Gives a key up after its request failed, so that the client may retry with it.
	 * @param key the key
	 * @return completion
	 */
	Mono<Void> abandon(String key);

	/**
	 * Where keys are kept, for logs.
	 * @return e.g. {@code redis} or {@code memory}
	 */
	String kind();

}
