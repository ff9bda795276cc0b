package org.millgate.orders;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the service runs more than once, its confirmations' idempotency keys must be in
 * Redis: keys kept in one instance's memory would let a retry that reaches the other
 * instance be booked twice, so such a service refuses to start without Redis.
 */
class IdempotencySettingsTests {

	@Test
	void should_keep_keys_in_memory_when_the_service_runs_once_and_names_no_redis() {
		ProductionOrderSettings settings = bind(Map.of());

		assertThat(settings.idempotency().shared()).isFalse();
		assertThat(settings.idempotency().redis()).isEmpty();
	}

	@Test
	void should_refuse_to_start_with_keys_that_must_be_shared_and_no_redis() {
		assertThatThrownBy(() -> bind(Map.of("millgate.production-orders.idempotency.shared", "true",
				"millgate.production-orders.idempotency.redis", "")))
			.hasRootCauseInstanceOf(IllegalArgumentException.class)
			.rootCause()
			.hasMessageContaining("MILLGATE_REDIS_URL is required")
			.hasMessageContaining("booked twice");
	}

	@Test
	void should_share_keys_in_the_redis_it_names() {
		ProductionOrderSettings settings = bind(Map.of("millgate.production-orders.idempotency.shared", "true",
				"millgate.production-orders.idempotency.redis", "redis-sentinel://10.0.0.5:26379#millgate"));

		assertThat(settings.idempotency().shared()).isTrue();
	}

	private static ProductionOrderSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("millgate.production-orders",
				ProductionOrderSettings.class);
	}

}
