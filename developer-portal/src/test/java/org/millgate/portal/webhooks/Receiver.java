package org.millgate.portal.webhooks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;

/**
 * A partner's webhook endpoint on loopback: records every request (headers, body) with
 * the status it answered; what each path answers is set by the test (204 unless said
 * otherwise).
 */
final class Receiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new ArrayList<>();

	private final Map<String, IntSupplier> answers = new ConcurrentHashMap<>();

	Receiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			Map<String, String> headers = new TreeMap<>();
			exchange.getRequestHeaders()
				.forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
			String path = exchange.getRequestURI().getPath();
			int status = this.answers.getOrDefault(path, () -> 204).getAsInt();
			synchronized (this.received) {
				this.received
					.add(new Received(path, exchange.getRequestMethod(), headers, body, status, Instant.now()));
				this.received.notifyAll();
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		this.server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	void answer(String path, IntSupplier status) {
		this.answers.put(path, status);
	}

	List<Received> at(String path) {
		synchronized (this.received) {
			return this.received.stream().filter((request) -> request.path().equals(path)).toList();
		}
	}

	/**
	 * Waits until the requests to a path satisfy a condition.
	 * @return those requests
	 */
	List<Received> await(String path, Predicate<List<Received>> enough, Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		synchronized (this.received) {
			while (true) {
				List<Received> requests = at(path);
				if (enough.test(requests)) {
					return requests;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("Not what was awaited at " + path + " within " + within + ": " + requests);
				}
				this.received.wait(Math.max(1, left / 1_000_000));
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One request.
	 */
	record Received(String path, String method, Map<String, String> headers, String body, int status, Instant at) {

		boolean accepted() {
			return this.status >= 200 && this.status < 300;
		}

		@Override
		public String toString() {
			return this.method + " " + this.path + " " + this.headers.get("webhook-id") + " -> " + this.status;
		}

	}

}
