package org.millgate.portal.usage;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import org.millgate.contracts.usage.LatencyBuckets;

/**
 * Reads the usage the gateway counts: from Redis when the gateway writes it there (the
 * policies' {@code RedisUsageSink}: a hash per product, version and client under
 * {@code millgate:usage:}, named in the set {@code millgate:usage:keys}), the totals of
 * every gateway instance; otherwise from the gateway's {@code /actuator/usage} (one
 * instance, since it started).
 */
public class UsageFigures implements AutoCloseable {

	static final String KEYS = "millgate:usage:keys";

	static final String PREFIX = "millgate:usage:";

	private final UsageRedis redis;

	private final URI gatewayUsage;

	private final RestClient http;

	/**
	 * Figures from Redis, or else from the gateway.
	 * @param url e.g. {@code redis://127.0.0.1:6379}; empty when there is none
	 * @param gatewayUsage the gateway's {@code /actuator/usage}, read without Redis
	 */
	public UsageFigures(String url, URI gatewayUsage) {
		this.gatewayUsage = gatewayUsage;
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
		requests.setReadTimeout(Duration.ofSeconds(3));
		this.http = RestClient.builder().requestFactory(requests).build();
		if (url == null || url.isBlank()) {
			this.redis = null;
			return;
		}
		this.redis = new UsageRedis(url);
	}

	/**
	 * Where the figures come from, for the page.
	 * @return a description
	 */
	public String source() {
		return (this.redis != null) ? "Redis, all gateway instances"
				: "the gateway at " + this.gatewayUsage + " (one instance, since it started)";
	}

	/**
	 * Every client's use of every product version, most used first.
	 * @return the rows
	 * @throws IllegalStateException when Redis cannot be read
	 */
	public List<Row> rows() {
		return rows(null);
	}

	/**
	 * One client's use of every product version.
	 * @param clientId the client, or null for every client
	 * @return the rows
	 * @throws IllegalStateException when the figures cannot be read
	 */
	public List<Row> rows(String clientId) {
		if (this.redis == null) {
			return fromGateway().stream().filter((row) -> clientId == null || row.client().equals(clientId)).toList();
		}
		try {
			RedisClusterCommands<String, String> open = this.redis.commands();
			List<Row> rows = new ArrayList<>();
			for (String key : open.smembers(KEYS)) {
				if (clientId != null && !key.endsWith(":" + clientId)) {
					continue;
				}
				// product:version:client; product ids and versions have no ':'
				String[] parts = key.substring(PREFIX.length()).split(":", 3);
				Map<String, String> fields = open.hgetall(key);
				if (fields.isEmpty()) {
					// expired: no calls for a long time
					open.srem(KEYS, key);
				}
				else if (parts.length == 3) {
					rows.add(row(parts[0], parts[1], parts[2], fields));
				}
			}
			rows.sort(Comparator.comparing(Row::product)
				.thenComparing(Row::version)
				.thenComparing(Comparator.comparingLong(Row::requests).reversed()));
			return rows;
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Usage cannot be read from Redis right now.", ex);
		}
	}

	private List<Row> fromGateway() {
		List<Map<String, Object>> answer;
		try {
			answer = this.http.get()
				.uri(this.gatewayUsage)
				.retrieve()
				.body(new ParameterizedTypeReference<List<Map<String, Object>>>() {
				});
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Usage cannot be read from the gateway right now.", ex);
		}
		List<Row> rows = new ArrayList<>();
		for (Map<String, Object> fields : (answer != null) ? answer : List.<Map<String, Object>>of()) {
			Map<String, String> text = new HashMap<>();
			fields.forEach((name, value) -> text.put(name, String.valueOf(value)));
			rows.add(row(text.get("product"), text.get("version"), text.get("client"), text));
		}
		rows.sort(Comparator.comparing(Row::product)
			.thenComparing(Row::version)
			.thenComparing(Comparator.comparingLong(Row::requests).reversed()));
		return rows;
	}

	static Row row(String product, String version, String client, Map<String, String> fields) {
		long[] buckets = new long[LatencyBuckets.COUNT];
		for (int i = 0; i < buckets.length; i++) {
			buckets[i] = number(fields.get("b" + i));
		}
		long last = number(fields.get("last"));
		return new Row(product, version, client, number(fields.get("requests")), number(fields.get("4xx")),
				number(fields.get("429")), number(fields.get("5xx")), LatencyBuckets.p95(buckets),
				(last > 0) ? Instant.ofEpochMilli(last) : null);
	}

	private static long number(String value) {
		try {
			return (value != null) ? Long.parseLong(value) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	@Override
	public synchronized void close() {
		if (this.redis != null) {
			this.redis.close();
		}
	}

	/**
	 * One client's use of one product version.
	 *
	 * @param product the product
	 * @param version the version
	 * @param client the client id
	 * @param requests all calls
	 * @param clientErrors 4xx answers (429 included)
	 * @param throttled 429 answers
	 * @param serverErrors 5xx answers
	 * @param p95Millis the upper bound of the 95th percentile's latency bucket, -1 above
	 * 5 s
	 * @param lastCall the last call, or null
	 */
	public record Row(String product, String version, String client, long requests, long clientErrors, long throttled,
			long serverErrors, long p95Millis, Instant lastCall) {

		/**
		 * The 95th percentile for people.
		 * @return e.g. "≤ 25 ms"
		 */
		public String p95() {
			if (this.requests == 0) {
				return "—";
			}
			return (this.p95Millis < 0) ? "> 5 s" : "≤ " + this.p95Millis + " ms";
		}

	}

}
