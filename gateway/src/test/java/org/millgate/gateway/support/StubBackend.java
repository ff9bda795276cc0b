package org.millgate.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The product services as the gateway sees them: a real HTTP server on loopback that
 * answers what a test tells it to and records what reached it.
 */
public final class StubBackend implements AutoCloseable {

	private final HttpServer server;

	private final Map<String, Answer> answers = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

	private final AtomicInteger calls = new AtomicInteger();

	private final AtomicInteger hangUps = new AtomicInteger();

	public StubBackend() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.setExecutor(Executors.newFixedThreadPool(32));
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * Sets the answer to requests whose path starts with a prefix (the longest prefix
	 * wins).
	 * @param pathPrefix the path prefix
	 * @param answer the answer
	 */
	public void answer(String pathPrefix, Answer answer) {
		this.answers.put(pathPrefix, answer);
	}

	/**
	 * Closes the connection of the next requests without answering, as a crashing service
	 * would.
	 * @param requests how many
	 */
	public void hangUpNext(int requests) {
		this.hangUps.set(requests);
	}

	public void reset() {
		this.hangUps.set(0);
		this.answers.clear();
		this.received.clear();
		this.calls.set(0);
	}

	public int calls() {
		return this.calls.get();
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	public Received last() {
		List<Received> all = received();
		if (all.isEmpty()) {
			throw new AssertionError("No request reached the backend");
		}
		return all.get(all.size() - 1);
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.calls.incrementAndGet();
		byte[] body;
		try (InputStream in = exchange.getRequestBody()) {
			body = in.readAllBytes();
		}
		String path = exchange.getRequestURI().getPath();
		if (this.hangUps.getAndDecrement() > 0) {
			exchange.close();
			return;
		}
		this.received.add(new Received(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
				Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
		Answer answer = this.answers.entrySet()
			.stream()
			.filter((entry) -> path.startsWith(entry.getKey()))
			.max(Map.Entry.comparingByKey((a, b) -> Integer.compare(a.length(), b.length())))
			.map(Map.Entry::getValue)
			.orElse(new Answer(404, "application/problem+json",
					"{\"type\":\"https://millgate.dev/problems/not-found\",\"title\":\"Resource not found\",\"status\":404,"
							+ "\"detail\":\"stub\",\"instance\":\"" + path + "\",\"code\":\"resource.notFound\"}",
					0, Map.of()));
		if (answer.delayMillis() > 0) {
			try {
				Thread.sleep(answer.delayMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", answer.contentType());
		// as the product services do
		String correlationId = exchange.getRequestHeaders().getFirst("X-Correlation-Id");
		if (correlationId != null) {
			exchange.getResponseHeaders().set("X-Correlation-Id", correlationId);
		}
		answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
		try {
			exchange.sendResponseHeaders(answer.status(), (bytes.length == 0) ? -1 : bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		catch (IOException ex) {
			// the gateway gave up (timeout); nothing to answer
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A canned answer.
	 *
	 * @param status the status
	 * @param contentType the content type
	 * @param body the body
	 * @param delayMillis how long to wait before answering
	 * @param headers further headers
	 */
	public record Answer(int status, String contentType, String body, long delayMillis, Map<String, String> headers) {

		public static Answer json(String body) {
			return new Answer(200, "application/json", body, 0, Map.of());
		}

		public Answer after(long millis) {
			return new Answer(this.status, this.contentType, this.body, millis, this.headers);
		}

		public Answer status(int newStatus) {
			return new Answer(newStatus, this.contentType, this.body, this.delayMillis, this.headers);
		}

		public Answer header(String name, String value) {
			Map<String, String> more = new HashMap<>(this.headers);
			more.put(name, value);
			return new Answer(this.status, this.contentType, this.body, this.delayMillis, Map.copyOf(more));
		}

	}

	/**
	 * A request that reached the backend.
	 *
	 * @param method the method
	 * @param path the path
	 * @param query the raw query
	 * @param headers the headers (names as the JDK server capitalizes them)
	 * @param body the body
	 */
	public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
