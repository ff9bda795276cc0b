package org.millgate.portal.operations;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures the operations charts show over time, sampled from the platform's own
 * Prometheus endpoints (the gateway's requests per plant, the event broker's consumer
 * lag), 24 hours of them kept in memory: a plant team sees latency, errors and lag
 * without a Prometheus of its own. With a Prometheus, the dashboard in
 * {@code deploy/observability} shows the same and more.
 */
public final class OperationsFigures implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(OperationsFigures.class);

	private static final Duration KEPT = Duration.ofHours(24);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final OperationsSettings settings;

	private final Clock clock;

	private final ScheduledExecutorService sampler;

	// per plant: cumulative requests, errors and seconds at the last sample, and when
	private Map<String, double[]> last = Map.of();

	private Instant lastAt;

	private final Map<String, Deque<Point>> requests = new TreeMap<>();

	private final Map<String, Deque<Point>> lag = new TreeMap<>();

	/**
	 * One point of a series.
	 *
	 * @param at when
	 * @param rate requests per second (or the lag in records)
	 * @param errorRatio the share of 5xx answers
	 * @param meanMillis the mean latency
	 */
	public record Point(Instant at, double rate, double errorRatio, double meanMillis) {

	}

	/**
	 * Figures sampled in the background.
	 * @param settings where from and how often
	 * @param clock the clock
	 */
	public OperationsFigures(OperationsSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.sampler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "operations-figures");
			thread.setDaemon(true);
			return thread;
		});
		long every = Math.max(1, settings.sampleEvery().toMillis());
		this.sampler.scheduleWithFixedDelay(this::sample, 0, every, TimeUnit.MILLISECONDS);
	}

	/**
	 * Takes a sample now unless the last one is more recent than a bound: a page shows
	 * figures at most that old, also between the scheduled samples.
	 * @param bound how old the last sample may be
	 */
	public synchronized void sampleIfOlderThan(Duration bound) {
		if (this.lastAt == null || this.lastAt.plus(bound).isBefore(this.clock.instant())) {
			sample();
		}
	}

	/**
	 * Takes one sample now.
	 */
	public synchronized void sample() {
		Instant now = this.clock.instant();
		try {
			sampleRequests(now, PrometheusText.parse(get(this.settings.gatewayMetricsUrl())));
		}
		catch (RuntimeException ex) {
			logger.debug("The gateway's figures cannot be read: {}", ex.toString());
		}
		try {
			sampleLag(now, PrometheusText.parse(get(this.settings.eventBrokerMetricsUrl())));
		}
		catch (RuntimeException ex) {
			logger.debug("The event broker's figures cannot be read: {}", ex.toString());
		}
	}

	private void sampleRequests(Instant now, List<PrometheusText.Sample> samples) {
		Map<String, double[]> totals = new HashMap<>();
		for (PrometheusText.Sample sample : samples) {
			String plant = sample.label("plant");
			if (plant.isEmpty() || "none".equals(plant)) {
				continue;
			}
			double[] total = totals.computeIfAbsent(plant, (p) -> new double[3]);
			if ("millgate_gateway_requests_seconds_count".equals(sample.name())) {
				total[0] += sample.value();
				if ("5xx".equals(sample.label("status"))) {
					total[1] += sample.value();
				}
			}
			else if ("millgate_gateway_requests_seconds_sum".equals(sample.name())) {
				total[2] += sample.value();
			}
		}
		Map<String, double[]> before = this.last;
		Instant beforeAt = this.lastAt;
		this.last = totals;
		this.lastAt = now;
		totals.forEach((plant, total) -> {
			double[] previous = before.get(plant);
			Deque<Point> series = this.requests.computeIfAbsent(plant, (p) -> new ArrayDeque<>());
			if (previous == null || beforeAt == null || total[0] < previous[0]) {
				return;
			}
			double count = total[0] - previous[0];
			double seconds = Math.max(0.001, Duration.between(beforeAt, now).toMillis() / 1000.0);
			series.addLast(new Point(now, count / seconds, (count > 0) ? (total[1] - previous[1]) / count : 0,
					(count > 0) ? 1000 * (total[2] - previous[2]) / count : 0));
			trim(series, now);
		});
	}

	private void sampleLag(Instant now, List<PrometheusText.Sample> samples) {
		Map<String, Double> byGroup = new TreeMap<>();
		for (PrometheusText.Sample sample : samples) {
			if ("millgate_kafka_consumer_lag_records".equals(sample.name())) {
				byGroup.merge(sample.label("group"), sample.value(), Double::sum);
			}
		}
		byGroup.forEach((group, records) -> {
			Deque<Point> series = this.lag.computeIfAbsent(group, (g) -> new ArrayDeque<>());
			series.addLast(new Point(now, records, 0, 0));
			trim(series, now);
		});
	}

	private static void trim(Deque<Point> series, Instant now) {
		while (!series.isEmpty() && series.peekFirst().at().isBefore(now.minus(KEPT))) {
			series.removeFirst();
		}
	}

	/**
	 * The gateway's requests per plant, oldest first.
	 * @return plant → points
	 */
	public synchronized Map<String, List<Point>> requestsByPlant() {
		Map<String, List<Point>> copy = new TreeMap<>();
		this.requests.forEach((plant, series) -> copy.put(plant, new ArrayList<>(series)));
		return copy;
	}

	/**
	 * The consumer lag per consumer group, oldest first.
	 * @return group → points
	 */
	public synchronized Map<String, List<Point>> lagByGroup() {
		Map<String, List<Point>> copy = new TreeMap<>();
		this.lag.forEach((group, series) -> copy.put(group, new ArrayList<>(series)));
		return copy;
	}

	private String get(URI uri) {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(uri + " answered " + response.statusCode());
			}
			return response.body();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.sampler.shutdownNow();
	}

}
