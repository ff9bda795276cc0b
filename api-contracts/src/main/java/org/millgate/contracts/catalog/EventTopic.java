package org.millgate.contracts.catalog;

import java.util.Map;

/**
 * A topic as an event contract declares it in its channel's Kafka binding: what a
 * producer creates when the topic does not exist yet.
 *
 * @param name e.g. {@code millgate.production-orders.events.v1}
 * @param partitions the number of partitions
 * @param configs the topic's settings (e.g. {@code retention.ms}), lists joined with
 * commas as Kafka writes them
 */
public record EventTopic(String name, int partitions, Map<String, String> configs) {

	public EventTopic {
		configs = Map.copyOf(configs);
	}

}
