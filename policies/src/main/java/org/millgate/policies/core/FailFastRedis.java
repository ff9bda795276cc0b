package org.millgate.policies.core;

import java.time.Duration;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;

/**
 * Redis as the policies use it (throttling buckets, usage counts): while disconnected,
 * commands fail at once instead of queueing, and the connection is retried in the
 * background, so that a request never waits for a Redis that is gone.
 */
public final class FailFastRedis {

	private FailFastRedis() {
	}

	/**
	 * Where Redis is, with a 2 s connect timeout.
	 * @param url e.g. {@code redis://127.0.0.1:6379/0}
	 * @return the URI
	 */
	public static RedisURI uri(String url) {
		RedisURI uri = RedisURI.create(url);
		uri.setTimeout(Duration.ofSeconds(2));
		return uri;
	}

	/**
	 * A client whose commands fail at once while disconnected.
	 * @param commandTimeout how long one command may take before it fails
	 * @return the client
	 */
	public static RedisClient client(Duration commandTimeout) {
		RedisClient client = RedisClient.create();
		client.setOptions(ClientOptions.builder()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(true)
			.timeoutOptions(TimeoutOptions.enabled(commandTimeout))
			.build());
		return client;
	}

}
