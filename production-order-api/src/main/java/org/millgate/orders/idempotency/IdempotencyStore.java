package org.millgate.orders.idempotency;

import reactor.core.publisher.Mono;

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
	 * Records the answer of the request that claimed the key.
	 * @param key the key
	 * @param fingerprint the request's digest
	 * @param status the answer's status
	 * @param body the answer's body
	 * @return completion
	 */
	Mono<Void> complete(String key, String fingerprint, int status, String body);

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
