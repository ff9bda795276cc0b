package org.millgate.erp.sap;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import org.millgate.erp.config.ErpProperties;
import org.millgate.erpsim.ErpSimulatorApplication;

/**
 * One ERP simulator per release for the whole test run, started on first use on a free
 * port and reached over real HTTP; and facades configured against them.
 */
final class Simulators {

	private static final Map<String, ConfigurableApplicationContext> RUNNING = new HashMap<>();

	private Simulators() {
	}

	static String baseUrl(String release) {
		return baseUrl(release, 100);
	}

	/**
	 * The URL of a release's simulator with a given server page size.
	 * @param release the release
	 * @param pageSize rows per page when no {@code $top} is sent
	 * @return the base URL
	 */
	static synchronized String baseUrl(String release, int pageSize) {
		ConfigurableApplicationContext context = RUNNING.computeIfAbsent(release + "/" + pageSize,
				(id) -> new SpringApplicationBuilder(ErpSimulatorApplication.class).run(
						ErpSimulatorApplication.CONFIG_NAME, "--server.port=0", "--erp.release=" + release,
						"--erp.page-size=" + pageSize, "--spring.main.banner-mode=off", "--logging.level.root=WARN",
						"--logging.level.org.millgate=WARN",
						// The facade is on this test classpath;
						// the simulator must not configure it.
						"--spring.autoconfigure.exclude=org.millgate.erp.autoconfigure.ErpFacadeAutoConfiguration"));
		return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * A facade against a release's simulator.
	 * @param release the release
	 * @param settings extra {@code millgate.erp.*} settings, e.g.
	 * {@code retry.max-attempts}
	 * @return the facade
	 */
	static SapErpFacade facade(String release, String... settings) {
		return facade(new SimpleMeterRegistry(), release, settings);
	}

	static SapErpFacade facade(MeterRegistry meters, String release, String... settings) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("millgate.erp.base-url", baseUrl(release));
		values.put("millgate.erp.release", release);
		for (int i = 0; i < settings.length; i += 2) {
			values.put("millgate.erp." + settings[i], settings[i + 1]);
		}
		ErpProperties properties = new Binder(new MapConfigurationPropertySource(values))
			.bind("millgate.erp", ErpProperties.class)
			.orElseThrow(() -> new IllegalStateException("no properties"));
		return SapErpFacade.create(properties, WebClient.builder(), meters, Clock.systemUTC());
	}

	/**
	 * The simulator's control surface.
	 */
	static Control control(String release) {
		return new Control(WebClient.create(baseUrl(release)));
	}

	record Control(WebClient client) {

		void reset() {
			this.client.post().uri("/_sim/reset").retrieve().toBodilessEntity().block();
		}

		void fault(String service, String settings) {
			this.client.put()
				.uri("/_sim/faults/{service}", service)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(settings)
				.retrieve()
				.toBodilessEntity()
				.block();
		}

		void clearFaults() {
			this.client.delete().uri("/_sim/faults").retrieve().toBodilessEntity().block();
		}

		void expireCsrfTokens() {
			this.client.post().uri("/_sim/csrf/expire").retrieve().toBodilessEntity().block();
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> lastRequest(String service) {
			Map<String, Object> requests = this.client.get()
				.uri("/_sim/last-requests")
				.retrieve()
				.bodyToMono(Map.class)
				.block();
			return (Map<String, Object>) requests.get(service);
		}

		long calls(String service, String kind) {
			Map<?, ?> stats = this.client.get().uri("/_sim/stats").retrieve().bodyToMono(Map.class).block();
			Object counts = (stats != null) ? stats.get(service) : null;
			Object count = (counts instanceof Map<?, ?> map) ? map.get(kind) : null;
			return (count instanceof Number number) ? number.longValue() : 0;
		}

	}

}
