package org.millgate.changefeed.feed;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * What the feed has published: each source's position and what it knows of the entities
 * it follows, as entries of a compacted topic written in the same transaction as the
 * events. Restored by reading that topic's committed records, so that after a crash the
 * feed goes on from its last committed page: no change lost, none published twice.
 */
public final class FeedState {

	private final Map<String, String> entries = new HashMap<>();

	/**
	 * A state holding some entries, as if read back: for reading a source on its own.
	 * @param entries the entries
	 * @return the state
	 */
	public static FeedState of(Map<String, String> entries) {
		FeedState state = new FeedState();
		state.apply(entries);
		return state;
	}

	/**
	 * One entry.
	 * @param key e.g. {@code position/orders}
	 * @return its value, or empty
	 */
	public Optional<String> get(String key) {
		return Optional.ofNullable(this.entries.get(key));
	}

	/**
	 * How many entries it holds.
	 * @return the count
	 */
	public int size() {
		return this.entries.size();
	}

	void apply(Map<String, String> updates) {
		updates.forEach((key, value) -> {
			if (value == null) {
				this.entries.remove(key);
			}
			else {
				this.entries.put(key, value);
			}
		});
	}

	/**
	 * Reads the state topic from its start up to its last committed record.
	 * @param consumer a consumer reading committed records only
	 * @param topic the state topic (one partition)
	 * @param within how long the whole read may take
	 */
	void restore(Consumer<String, String> consumer, String topic, Duration within) {
		this.entries.clear();
		TopicPartition partition = new TopicPartition(topic, 0);
		consumer.assign(List.of(partition));
		consumer.seekToBeginning(List.of(partition));
		long end = consumer.endOffsets(List.of(partition), within).get(partition);
		long deadline = System.nanoTime() + within.toNanos();
		while (consumer.position(partition, within) < end) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the state topic " + topic + " could not be read within " + within);
			}
			for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
				if (record.value() == null) {
					this.entries.remove(record.key());
				}
				else {
					this.entries.put(record.key(), record.value());
				}
			}
		}
	}

}
