package org.millgate.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far behind each consumer group of a cluster is: per topic, the committed records
 * (the end a read-committed consumer sees) its committed offsets have not reached yet.
 * Read by {@code ./millgate events groups} and exported as a metric by the event-broker
 * service.
 */
public final class ConsumerGroupLag {

	private ConsumerGroupLag() {
	}

	/**
	 * Every consumer group with its lag per topic.
	 * @param admin a client of the cluster
	 * @param timeout how long each of the admin calls may take
	 * @return the groups, by id
	 * @throws ExecutionException when the cluster refuses a call
	 * @throws InterruptedException when interrupted
	 * @throws TimeoutException when a call takes longer than the timeout
	 */
	public static List<Group> read(Admin admin, Duration timeout)
			throws ExecutionException, InterruptedException, TimeoutException {
		Collection<ConsumerGroupListing> listed = admin.listConsumerGroups()
			.all()
			.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		List<String> ids = listed.stream().map(ConsumerGroupListing::groupId).sorted().toList();
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(ids)
			.all()
			.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		List<Group> groups = new ArrayList<>();
		for (String id : ids) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(id)
				.partitionsToOffsetAndMetadata()
				.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = ends(admin, committed.keySet(),
					timeout);
			Map<String, Long> lag = new TreeMap<>();
			committed.forEach((partition, offset) -> {
				if (offset != null && ends.containsKey(partition)) {
					lag.merge(partition.topic(), Math.max(0, ends.get(partition).offset() - offset.offset()),
							Long::sum);
				}
			});
			ConsumerGroupDescription group = described.get(id);
			groups.add(new Group(id, (group != null) ? group.groupState().toString() : "UNKNOWN",
					(group != null) ? group.members().size() : 0, lag));
		}
		return groups;
	}

	private static Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends(Admin admin,
			Collection<TopicPartition> partitions, Duration timeout)
			throws ExecutionException, InterruptedException, TimeoutException {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		partitions.forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		return admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
			.all()
			.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * One consumer group.
	 *
	 * @param id its id
	 * @param state its state, e.g. {@code STABLE} or {@code EMPTY}
	 * @param members its active consumers
	 * @param lagByTopic committed records not read yet, per topic it has offsets of
	 */
	public record Group(String id, String state, int members, Map<String, Long> lagByTopic) {

		public Group {
			lagByTopic = Map.copyOf(lagByTopic);
		}

	}

}
