package org.millgate.erpsim.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many calls each service received, by kind: {@code total}, the HTTP method, and
 * {@code csrfFetch} for token fetches.
 */
public final class CallStatistics {

	private final Map<String, Map<String, AtomicLong>> counts = new ConcurrentHashMap<>();

	public void count(String serviceId, String kind) {
		this.counts.computeIfAbsent(serviceId, (id) -> new ConcurrentHashMap<>())
			.computeIfAbsent(kind, (k) -> new AtomicLong())
			.incrementAndGet();
	}

	private final Map<String, Map<String, String>> lastRequests = new ConcurrentHashMap<>();

	/**
	 * Remembers the last request a service received, for tracing checks.
	 * @param serviceId the service
	 * @param request what to remember (method, path, correlation headers)
	 */
	public void remember(String serviceId, Map<String, String> request) {
		this.lastRequests.put(serviceId, Map.copyOf(request));
	}

	/**
	 * The last request of every service.
	 * @return service id to request summary
	 */
	public Map<String, Map<String, String>> lastRequests() {
		return new TreeMap<>(this.lastRequests);
	}

	public void reset() {
		this.counts.clear();
		this.lastRequests.clear();
	}

	/**
	 * A snapshot of the counts.
	 * @return service id to kind to count, sorted
	 */
	public Map<String, Map<String, Long>> snapshot() {
		Map<String, Map<String, Long>> snapshot = new TreeMap<>();
		this.counts.forEach((service, kinds) -> {
			Map<String, Long> values = new TreeMap<>();
			kinds.forEach((kind, count) -> values.put(kind, count.get()));
			snapshot.put(service, values);
		});
		return snapshot;
	}

}
