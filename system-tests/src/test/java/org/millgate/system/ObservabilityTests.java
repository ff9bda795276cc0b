package org.millgate.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.millgate.testing.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Prometheus rules and the Grafana dashboard of {@code deploy/observability} against
 * the platform as it runs: every metric they name is one a service exports (after a few
 * calls, so that the request and ERP metrics exist), every recording rule the dashboard
 * reads is one the rules define, and every dashboard query is PromQL that Prometheus's
 * own promtool accepts. ({@code ./millgate test} also runs the rules' unit tests with
 * promtool.)
 */
class ObservabilityTests {

	private static final Path OBSERVABILITY = Path.of("..", "deploy", "observability");

	private static final Path RULES = OBSERVABILITY.resolve("prometheus").resolve("millgate-rules.yaml");

	private static final Path DASHBOARD = OBSERVABILITY.resolve("grafana").resolve("millgate-platform.json");

	// a metric's name, not part of a recording rule's name (level:metric:operations)
	private static final Pattern METRIC = Pattern.compile("(?<![\\w:])millgate_[a-z0-9_]+(?![\\w:])");

	// a recording rule's name: level:metric:operations
	private static final Pattern RECORDED = Pattern.compile("(?<![\\w:])[a-z_]+:[a-z0-9_]+:[a-z0-9_]+(?![\\w:])");

	// the products (services.conf) and these
	private static final List<String> OTHER_SERVICES = List.of("gateway", "change-feed", "event-broker",
			"developer-portal");

	static Platform platform;

	@BeforeAll
	static void platform() {
		platform = Platform.get();
	}

	@Test
	void everyMetricTheRulesAndTheDashboardNameIsOneThePlatformExports() throws Exception {
		String mes = platform.token("mes-plant-1000");
		for (String path : List.of("/v2/production-orders?plant=1000&limit=2", "/v2/production-orders/9999999",
				"/v1/inventory/availability?material=FG-100&plant=1000")) {
			platform.send(HttpRequest.newBuilder(URI.create(platform.gateway() + path))
				.header("Authorization", "Bearer " + mes)
				.build());
		}
		// a partner's webhook, so that the portal has a subscription's backlog to export
		PortalSession partner = PortalSession.signIn(platform.url("developer-portal"), "acme-dev");
		partner.get("/webhooks");
		HttpResponse<String> created = partner.post("/webhooks", "url", "http://127.0.0.1:9/acme/observed", "type",
				"dev.millgate.shipments.delivered");
		String webhook = created.uri().getPath().substring("/webhooks/".length());
		try {
			assertEveryNameExported();
		}
		finally {
			partner.post("/webhooks/" + webhook + "/delete", "confirm", "yes");
		}
	}

	private static void assertEveryNameExported() throws Exception {
		Set<String> used = new TreeSet<>();
		used.addAll(names(METRIC, Files.readString(RULES)));
		used.addAll(names(METRIC, Files.readString(DASHBOARD)));
		assertThat(used).as("metrics the rules and the dashboard name")
			.contains("millgate_gateway_requests_seconds_count", "millgate_kafka_consumer_lag_records",
					"millgate_portal_webhook_oldest_pending_seconds");

		// the event-broker reads the groups' lag, the portal its webhooks' backlog, every
		// 15 s: both are there after their first reading
		Set<String> exported = exported();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (!exported.containsAll(used) && System.nanoTime() < deadline) {
			Thread.sleep(1000);
			exported = exported();
		}
		assertThat(exported).as("metrics the services export").containsAll(used);
	}

	@Test
	void theDashboardReadsRecordingRulesThatExistAndItsQueriesArePromQl() throws Exception {
		String rules = Files.readString(RULES);
		List<String> queries = JsonPath.read(Files.readString(DASHBOARD), "$.panels[*].targets[*].expr");
		assertThat(queries).as("the dashboard's queries").hasSizeGreaterThan(10);
		Set<String> recorded = names(Pattern.compile("record: ([a-z_:0-9]+)"), rules, 1);
		for (String query : queries) {
			assertThat(recorded).as("recording rules %s reads", query).containsAll(names(RECORDED, query));
		}

		String promtool = System.getProperty("millgate.promtool", "");
		assumeTrue(!promtool.isBlank() && Files.isExecutable(Path.of(promtool)),
				"promtool is not installed: ./millgate test installs it (Debian's prometheus package)");
		StringBuilder scratch = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
		for (int i = 0; i < queries.size(); i++) {
			// the dashboard's variable, as Grafana puts it in for "all plants"
			String query = queries.get(i).replace("$plant", ".*");
			scratch.append("      - record: dashboard:query_").append(i).append(":check\n        expr: |-\n");
			query.lines().forEach((line) -> scratch.append("          ").append(line).append('\n'));
		}
		Path file = Files.createTempFile("millgate-dashboard", ".yaml");
		try {
			Files.writeString(file, scratch);
			Process check = new ProcessBuilder(promtool, "check", "rules", file.toString()).redirectErrorStream(true)
				.start();
			String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(check.waitFor()).as("promtool check rules on the dashboard's queries: %s", output).isZero();
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private static Set<String> exported() {
		Set<String> names = new TreeSet<>();
		List<String> services = new ArrayList<>(platform.products());
		services.addAll(OTHER_SERVICES);
		for (String service : services) {
			HttpResponse<String> metrics = platform
				.send(HttpRequest.newBuilder(URI.create(platform.url(service) + "/actuator/prometheus")).build());
			assertThat(metrics.statusCode()).as("%s's metrics", service).isEqualTo(200);
			metrics.body()
				.lines()
				.filter((line) -> !line.startsWith("#") && !line.isBlank())
				.map((line) -> line.split("[{ ]", 2)[0])
				.forEach(names::add);
		}
		return names;
	}

	private static Set<String> names(Pattern pattern, String text) {
		return names(pattern, text, 0);
	}

	private static Set<String> names(Pattern pattern, String text, int group) {
		Set<String> names = new TreeSet<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			names.add(matcher.group(group));
		}
		return names;
	}

}
