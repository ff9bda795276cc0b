package org.millgate.erpsim.faults;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many calls each service received, by kind: {@code total}, the HTTP method,
 * {@code csrfFetch} for token fetches, {@code agent:<name>} per Millgate service that
 * named itself in its {@code User-Agent} ({@code millgate-change-feed}, ...); and
 * {@code peakConcurrent}, the most calls it had in flight at once.
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
	 * Adds the user a service's last request logged on as.
	 * @param serviceId the service
	 * @param user the user
	 */
	public void noteUser(String serviceId, String user) {
		this.lastRequests.computeIfPresent(serviceId, (id, request) -> {
			Map<String, String> withUser = new TreeMap<>(request);
			withUser.put("user", user);
			return Map.copyOf(withUser);
		});
	}

	/**
	 * The last request of every service.
	 * @return service id to request summary
	 */
	public Map<String, Map<String, String>> lastRequests() {
		return new TreeMap<>(this.lastRequests);
	}

	private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> peaks = new ConcurrentHashMap<>();

	/**
	 * A call to a service starts.
	 * @param serviceId the service
	 */
	public void started(String serviceId) {
		int now = this.inFlight.computeIfAbsent(serviceId, (id) -> new AtomicInteger()).incrementAndGet();
		this.peaks.computeIfAbsent(serviceId, (id) -> new AtomicInteger()).accumulateAndGet(now, Math::max);
	}

	/**
	 * A call to a service has been answered (or abandoned).
	 * @param serviceId the service
	 */
	public void finished(String serviceId) {
		AtomicInteger calls = this.inFlight.get(serviceId);
		if (calls != null) {
			calls.decrementAndGet();
		}
	}

	public void reset() {
		this.counts.clear();
		this.lastRequests.clear();
		// calls in flight stay counted; the peak starts again from now
		this.peaks.clear();
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
			AtomicInteger peak = this.peaks.get(service);
			if (peak != null) {
				values.put("peakConcurrent", (long) peak.get());
			}
			snapshot.put(service, values);
		});
		return snapshot;
	}

}
