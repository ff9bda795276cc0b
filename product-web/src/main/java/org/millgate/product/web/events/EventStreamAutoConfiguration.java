package org.millgate.product.web.events;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.EventProduct;
import org.millgate.contracts.paging.Cursors;

/**
 * A product whose id is also an event product's reads that product's events over HTTP
 * ({@link EventStream}), the newest major version's topic, from the platform's Kafka
 * ({@code spring.kafka.*}).
 */
@AutoConfiguration(afterName = "org.millgate.product.web.ProductWebAutoConfiguration")
@Conditional(EventStreamAutoConfiguration.OnEventProduct.class)
class EventStreamAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EventStreamAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	EventStream productEventStream(Environment environment, Cursors cursors) {
		String product = environment.getRequiredProperty("millgate.product.id");
		EventProduct events = ContractCatalog.load()
			.eventProduct(product)
			.orElseThrow(() -> new IllegalStateException("no event product " + product));
		String topic = events.topic(events.versions().get(events.versions().size() - 1).version());
		Map<String, String> client = Binder.get(environment)
			.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		String bootstrap = String.join(",", environment.getProperty("spring.kafka.bootstrap-servers", String[].class,
				new String[] { "127.0.0.1:9092" }));
		logger.info("Events of {} are read over HTTP from {}", product, topic);
		return new EventStream(topic, bootstrap, client, cursors);
	}

	// the product's id names an event product of the catalog
	static final class OnEventProduct implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String product = context.getEnvironment().getProperty("millgate.product.id");
			return product != null && ContractCatalog.load().eventProduct(product).isPresent();
		}

	}

}
