package org.millgate.system.drills;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * A bounded, open-loop load on loopback: requests leave at a steady rate whatever the
 * answers take (as plant systems poll), at most {@code maxInFlight} at once, until
 * stopped. Every answer is kept with its time, so that a drill can cut the run into
 * phases (before, during and after a fault).
 */
final class LoadLoop implements AutoCloseable {

	private final HttpClient http;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "load-loop");
		thread.setDaemon(true);
		return thread;
	});

	private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

	private final Semaphore inFlight;

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	private final long startedAt = System.nanoTime();

	/**
	 * Starts the load.
	 * @param perSecond requests per second
	 * @param maxInFlight the most requests waiting for an answer at once; a tick that
	 * finds them all busy is skipped (and counted)
	 * @param requests the n-th request (from 0)
	 */
	LoadLoop(int perSecond, int maxInFlight, LongFunction<HttpRequest> requests) {
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		this.inFlight = new Semaphore(maxInFlight);
		this.ticker.scheduleAtFixedRate(() -> {
			if (!this.inFlight.tryAcquire()) {
				this.skipped.incrementAndGet();
				return;
			}
			long n = this.sent.getAndIncrement();
			HttpRequest request = requests.apply(n);
			long start = System.nanoTime();
			this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
				long end = System.nanoTime();
				this.inFlight.release();
				this.outcomes.add((failure != null)
						? new Outcome(request.uri().getPath(), start, end, -1, null, failure.toString())
						: new Outcome(request.uri().getPath(), start, end, response.statusCode(),
								response.headers().firstValue("Retry-After").orElse(null), response.body()));
			});
		}, 0, TimeUnit.SECONDS.toNanos(1) / perSecond, TimeUnit.NANOSECONDS);
	}

	/**
	 * The clock the answers are timed with ({@link System#nanoTime()}), to mark phases
	 * with.
	 * @return the time
	 */
	long now() {
		return System.nanoTime();
	}

	long startedAt() {
		return this.startedAt;
	}

	long skipped() {
		return this.skipped.get();
	}

	/**
	 * Stops sending and waits (bounded) for the answers still out.
	 * @param drain how long to wait for them
	 * @return every answer, in the order they were sent
	 */
	List<Outcome> stop(Duration drain) {
		this.ticker.shutdownNow();
		long deadline = System.nanoTime() + drain.toNanos();
		while (this.outcomes.size() < this.sent.get() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		List<Outcome> all = new ArrayList<>(this.outcomes);
		all.sort(Comparator.comparingLong(Outcome::start));
		return all;
	}

	/**
	 * The earliest send time of a 200-class answer to a request sent at or after a time.
	 * @param from the time ({@link #now()})
	 * @return its send time, or 0 when there is none yet
	 */
	long firstOkSince(long from) {
		return this.outcomes.stream()
			.filter((outcome) -> outcome.ok() && outcome.start() >= from)
			.mapToLong(Outcome::start)
			.min()
			.orElse(0);
	}

	long unanswered() {
		return this.sent.get() - this.outcomes.size();
	}

	@Override
	public void close() {
		this.ticker.shutdownNow();
	}

	/**
	 * One answer.
	 *
	 * @param path the request's path
	 * @param start when it was sent (nanoTime)
	 * @param end when its answer arrived
	 * @param status the HTTP status, -1 for no answer (connection failed)
	 * @param retryAfter the Retry-After header
	 * @param body the body, or the failure
	 */
	record Outcome(String path, long start, long end, int status, String retryAfter, String body) {

		double millis() {
			return (this.end - this.start) / 1e6;
		}

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		boolean sentBetween(long from, long to) {
			return this.start >= from && this.start < to;
		}

	}

	static List<Outcome> between(List<Outcome> outcomes, long from, long to) {
		return outcomes.stream().filter((outcome) -> outcome.sentBetween(from, to)).toList();
	}

	static long count(List<Outcome> outcomes, Predicate<Outcome> which) {
		return outcomes.stream().filter(which).count();
	}

	static double percentile(List<Outcome> outcomes, double share) {
		if (outcomes.isEmpty()) {
			return 0;
		}
		double[] millis = outcomes.stream().mapToDouble(Outcome::millis).sorted().toArray();
		return millis[Math.min(millis.length - 1, (int) Math.ceil(share * millis.length) - 1)];
	}

	/**
	 * The answers by status, and the first that was not 2xx: for a verdict's figures.
	 * @param outcomes the answers
	 * @return e.g. {@code 200×120 503×10 (first 503 at 3.2 s: {...})}
	 */
	static String summary(List<Outcome> outcomes, long startedAt) {
		Map<Integer, Long> byStatus = new TreeMap<>();
		outcomes.forEach((outcome) -> byStatus.merge(outcome.status(), 1L, Long::sum));
		StringBuilder summary = new StringBuilder();
		byStatus.forEach((status, count) -> summary.append((summary.length() > 0) ? " " : "")
			.append((status < 0) ? "no answer" : status.toString())
			.append('×')
			.append(count));
		outcomes.stream().filter((outcome) -> !outcome.ok()).findFirst().ifPresent((outcome) -> {
			String body = (outcome.body() != null) ? outcome.body() : "";
			summary.append(" (first ")
				.append(outcome.status())
				.append(String.format(" sent at %.1f s, after %.0f ms: ", (outcome.start() - startedAt) / 1e9,
						outcome.millis()))
				.append(body, 0, Math.min(body.length(), 300))
				.append(')');
		});
		return summary.toString();
	}

	static double max(List<Outcome> outcomes) {
		return outcomes.stream().mapToDouble(Outcome::millis).max().orElse(0);
	}

}
