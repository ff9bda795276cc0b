package org.millgate.policies.throttle;

/**
 * What a product does when the shared rate-limit store does not answer in time.
 */
public enum RedisDownMode {

	/** Admit by a bucket local to this gateway instance. */
	FAIL_OPEN,

	/** Refuse with 503 {@code throttle.unavailable}. */
	FAIL_CLOSED

}
