package org.millgate.gateway;

import org.millgate.policies.throttle.LocalRateLimitStore;
import org.millgate.policies.throttle.RedisRateLimitStore;

/**
 * Where throttling buckets live: Redis when configured (shared by all instances), and the
 * local store (the embedded default, and the fail-open fallback).
 *
 * @param shared the Redis store, or null without {@code MILLGATE_REDIS_URL}
 * @param local the local store
 */
record ThrottleStores(RedisRateLimitStore shared, LocalRateLimitStore local) implements AutoCloseable {

	@Override
	public void close() {
		if (this.shared != null) {
			this.shared.close();
		}
	}

}
