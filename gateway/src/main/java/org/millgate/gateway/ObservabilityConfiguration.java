package org.millgate.gateway;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import org.millgate.policies.observability.AccessLogPolicy;
import org.millgate.policies.observability.CorrelationPolicy;
import org.millgate.policies.observability.RedisUsageSink;
import org.millgate.policies.observability.UsageLedger;

/**
 * What the gateway tells about each call: the policies {@code correlation} and
 * {@code access-log}, and each client's usage for the developer portal.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

	@Bean
	CorrelationPolicy correlationPolicy() {
		return new CorrelationPolicy();
	}

	@Bean
	AccessLogPolicy accessLogPolicy(MeterRegistry meters, Usage usage, GatewaySettings settings) {
		return new AccessLogPolicy(meters, usage.ledger(), settings.metricsClientSeries());
	}

	@Bean
	UsageEndpoint usageEndpoint(Usage usage) {
		return new UsageEndpoint(usage.ledger());
	}

	/**
	 * Each client's calls per product version, written to Redis every {@code usage-flush}
	 * for the developer portal; kept in this instance only without Redis
	 * ({@code /actuator/usage}).
	 * @param settings the settings
	 * @return the usage ledger and its writer
	 */
	@Bean(destroyMethod = "close")
	Usage usage(GatewaySettings settings) {
		if (!StringUtils.hasText(settings.usageRedis())) {
			return new Usage(new UsageLedger(null), null, null);
		}
		RedisUsageSink sink = new RedisUsageSink(settings.usageRedis());
		UsageLedger ledger = new UsageLedger(sink);
		Disposable writer = Flux.interval(settings.usageFlush(), settings.usageFlush())
			.onBackpressureDrop()
			.concatMap((tick) -> ledger.flush(), 1)
			.subscribe();
		return new Usage(ledger, sink, writer);
	}

	/**
	 * The usage ledger, its store and the periodic writer, closed with the application
	 * (after a last write).
	 *
	 * @param ledger the ledger
	 * @param sink the store, or null without Redis
	 * @param writer the periodic writer, or null without Redis
	 */
	record Usage(UsageLedger ledger, RedisUsageSink sink, Disposable writer) {

		void close() {
			if (this.sink != null) {
				this.writer.dispose();
				// a last write of what was counted, after any write under way
				// (at shutdown, not on an event loop)
				long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
				while (this.ledger.flushing() && System.nanoTime() < deadline) {
					LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
				}
				this.ledger.flush().block(Duration.ofSeconds(3));
				this.sink.close();
			}
		}

	}

}
