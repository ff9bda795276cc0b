package org.millgate.product.web.events;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed's watermark of one of its sources, read from the feed's watermark
 * topic: the ERP change time up to which the feed has published every change of that
 * source (for {@code orders}: every release). Read committed only, so a watermark is
 * never seen before the events it covers; the latest record of the source counts.
 * <p>
 * Read on the relay's thread only, and only while an event waits for it.
 */
public final class FeedWatermark implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(FeedWatermark.class);

	private final Map<String, Object> config;

	private final String topic;

	private final String source;

	private KafkaConsumer<String, String> consumer;

	private volatile Instant latest;

	/**
	 * A watermark reader.
	 * @param bootstrap the Kafka bootstrap servers
	 * @param topic the change feed's watermark topic
	 * @param source the feed's source, e.g. {@code orders}
	 * @param client more Kafka client settings (security toward a secured cluster)
	 */
	public FeedWatermark(String bootstrap, String topic, String source, Map<String, String> client) {
		this.config = new HashMap<>(client);
		this.config.put("bootstrap.servers", bootstrap);
		this.config.put("isolation.level", "read_committed");
		this.config.put("enable.auto.commit", false);
		this.config.put("auto.offset.reset", "earliest");
		this.config.put("default.api.timeout.ms", 5000);
		this.topic = topic;
		this.source = source;
	}

	/**
	 * Reads what the feed published since the last read.
	 * @return the watermark, or null while the feed has published none
	 */
	public synchronized Instant read() {
		if (this.consumer == null) {
			this.consumer = new KafkaConsumer<>(this.config, new StringDeserializer(), new StringDeserializer());
			TopicPartition partition = new TopicPartition(this.topic, 0);
			this.consumer.assign(List.of(partition));
			this.consumer.seekToBeginning(List.of(partition));
		}
		for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(100))) {
			if (this.source.equals(record.key()) && record.value() != null) {
				try {
					this.latest = Instant.parse(record.value());
				}
				catch (DateTimeParseException ex) {
					logger.warn("Watermark record {} of {} is no instant: {}", record.offset(), this.topic,
							record.value());
				}
			}
		}
		return this.latest;
	}

	/**
	 * The watermark last read, without reading.
	 * @return it, or null
	 */
	public Instant latest() {
		return this.latest;
	}

	/**
	 * The topic it reads.
	 * @return the name
	 */
	public String topic() {
		return this.topic;
	}

	@Override
	public synchronized void close() {
		if (this.consumer != null) {
			this.consumer.close(Duration.ofSeconds(1));
			this.consumer = null;
		}
	}

}
