package org.millgate.broker;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded broker, unless an external cluster is configured, and the health of
 * whichever the platform uses.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration {

	@Bean
	@ConditionalOnExpression("'${millgate.broker.external-bootstrap:}'.isBlank()")
	EmbeddedBroker embeddedBroker(BrokerSettings settings) {
		return new EmbeddedBroker(settings);
	}

	@Bean
	KafkaHealth kafkaHealth(BrokerSettings settings) {
		return new KafkaHealth(settings);
	}

	@Bean
	ConsumerLagMetrics consumerLagMetrics(BrokerSettings settings, MeterRegistry meters,
			@Value("${millgate.broker.lag-interval:15s}") Duration interval) {
		return new ConsumerLagMetrics(settings, meters, interval);
	}

}
