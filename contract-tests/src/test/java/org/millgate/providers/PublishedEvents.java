package org.millgate.providers;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import au.com.dius.pact.provider.MessageAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.millgate.testing.platform.Platform;

/**
 * The events the platform's producers really published, read from its Kafka as a consumer
 * does (committed records only), for the message pacts' verification: the record's value
 * is the message, its headers the metadata.
 */
final class PublishedEvents {

	private static final Duration WITHIN = Duration.ofSeconds(90);

	private PublishedEvents() {
	}

	/**
	 * The first event of a topic whose {@code ce_id} matches.
	 * @param platform the platform
	 * @param topic the event product's topic
	 * @param id which {@code ce_id}
	 * @return the event as a message with its metadata
	 */
	static MessageAndMetadata first(Platform platform, String topic, Predicate<String> id) {
		ConsumerRecord<String, String> record = firstRecord(platform, topic, id);
		Map<String, Object> metadata = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			metadata.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		metadata.put("contentType", "application/json");
		return new MessageAndMetadata(record.value().getBytes(StandardCharsets.UTF_8), metadata);
	}

	/**
	 * The first record of a topic whose {@code ce_id} matches, as Kafka holds it.
	 * @param platform the platform
	 * @param topic the event product's topic
	 * @param id which {@code ce_id}
	 * @return the record
	 */
	static ConsumerRecord<String, String> firstRecord(Platform platform, String topic, Predicate<String> id) {
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of("bootstrap.servers", platform.kafkaBootstrap(), "group.id", "pact-" + UUID.randomUUID(),
						"auto.offset.reset", "earliest", "isolation.level", "read_committed"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + WITHIN.toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
					Header ceId = record.headers().lastHeader("ce_id");
					if (ceId != null && id.test(new String(ceId.value(), StandardCharsets.UTF_8))) {
						return record;
					}
				}
			}
		}
		throw new AssertionError("no event on " + topic + " matched within " + WITHIN);
	}

}
