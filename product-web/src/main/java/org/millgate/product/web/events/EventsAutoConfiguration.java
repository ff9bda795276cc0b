package org.millgate.product.web.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

import org.millgate.contracts.catalog.ContractCatalog;

/**
 * A product with an {@link EventOutbox} relays it to Kafka: the topics of the event
 * product of the product's id (every version of the catalog, with the partitions its
 * AsyncAPI contract gives the channel), the producer Spring Boot configures from
 * {@code spring.kafka.*} (the platform's defaults: {@code ProductDefaults}).
 * {@code millgate.product.events.enabled=false} leaves the events in the outbox.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnBean(EventOutbox.class)
@ConditionalOnProperty(name = "millgate.product.events.enabled", havingValue = "true", matchIfMissing = true)
class EventsAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EventsAutoConfiguration.class);

	@Bean
	OutboxEndpoint outboxEndpoint(EventOutbox outbox) {
		return new OutboxEndpoint(outbox);
	}

	@Bean
	EventRelay eventRelay(EventOutbox outbox, KafkaTemplate<String, String> kafka, KafkaAdmin admin,
			Environment environment) {
		String product = environment.getRequiredProperty("millgate.product.id");
		ContractCatalog catalog = ContractCatalog.load();
		// its own event product's topics, and those of the event products it reports to
		// too (millgate.product.events.also, e.g. integration); a product without an
		// event product of its own (reconciliation) reports to others only
		List<NewTopic> topics = new ArrayList<>();
		List<String> products = new ArrayList<>();
		if (catalog.eventProduct(product).isPresent()) {
			products.add(product);
		}
		products.addAll(
				Arrays.asList(environment.getProperty("millgate.product.events.also", String[].class, new String[0])));
		if (products.isEmpty()) {
			throw new IllegalStateException(
					"The product '" + product + "' keeps events but the catalog has no event product of that id, and "
							+ "millgate.product.events.also names none it reports to");
		}
		for (String id : products) {
			if (catalog.eventProduct(id).isEmpty()) {
				throw new IllegalStateException("The product '" + product + "' reports events to '" + id
						+ "', which is no event product of the catalog");
			}
		}
		for (String id : products) {
			catalog.eventTopics(id)
				.forEach((topic) -> topics
					.add(new NewTopic(topic.name(), topic.partitions(), (short) -1).configs(topic.configs())));
		}
		// the event types that wait for the change feed (a confirmation for its order's
		// release), and the feed's watermark they wait for
		Set<String> afterFeed = Set.copyOf(Arrays.asList(
				environment.getProperty("millgate.product.events.after-change-feed", String[].class, new String[0])));
		FeedWatermark watermark = null;
		if (!afterFeed.isEmpty()) {
			String topic = environment.getProperty("millgate.product.events.change-feed-watermarks",
					"millgate.change-feed.watermarks");
			// the producer's own client settings (security toward a secured cluster)
			// apply to
			// the watermark reader too
			Map<String, String> client = Binder.get(environment)
				.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
				.orElse(Map.of());
			watermark = new FeedWatermark(
					String.join(",", environment.getRequiredProperty("spring.kafka.bootstrap-servers", String[].class)),
					topic, environment.getProperty("millgate.product.events.change-feed-source", "orders"), client);
			topics.add(new NewTopic(topic, 1, (short) -1).configs(Map.of("cleanup.policy", "compact")));
		}
		Duration interval = environment.getProperty("millgate.product.events.interval", Duration.class,
				Duration.ofMillis(500));
		// longer than the producer's own delivery timeout (10 s), so that the relay hears
		// the producer's answer rather than giving up just before it
		Duration timeout = environment.getProperty("millgate.product.events.send-timeout", Duration.class,
				Duration.ofSeconds(15));
		EventRelay relay = new EventRelay(outbox, kafka, admin, topics, interval, timeout, watermark, afterFeed);
		logger.info("Events of {} go to {} through the outbox{}", product, relay.topicNames(), afterFeed.isEmpty() ? ""
				: "; " + afterFeed + " once the change feed's watermark (" + watermark.topic() + ") has passed them");
		return relay;
	}

}
