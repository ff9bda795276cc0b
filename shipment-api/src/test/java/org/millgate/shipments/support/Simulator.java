package org.millgate.shipments.support;

import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import org.millgate.erpsim.ErpSimulatorApplication;

/**
 * The ERP simulator for the whole test run, on a free port, reached over HTTP.
 */
public final class Simulator {

	private static ConfigurableApplicationContext running;

	private Simulator() {
	}

	public static synchronized String baseUrl() {
		if (running == null) {
			running = new SpringApplicationBuilder(ErpSimulatorApplication.class).run(
					ErpSimulatorApplication.CONFIG_NAME, "--server.port=0", "--erp.release=2022",
					"--spring.main.banner-mode=off", "--logging.level.root=WARN",
					"--logging.structured.format.console=",
					// This test classpath holds the facade and Spring Security: the
					// simulator
					// must configure neither.
					"--spring.autoconfigure.exclude=" + String.join(",",
							"org.millgate.erp.autoconfigure.ErpFacadeAutoConfiguration",
							"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
							"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
							"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
							"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
							"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration"));
		}
		return "http://127.0.0.1:" + ((WebServerApplicationContext) running).getWebServer().getPort();
	}

	public static WebClient control() {
		return WebClient.create(baseUrl());
	}

	public static void reset() {
		control().post().uri("/_sim/reset").retrieve().toBodilessEntity().block();
	}

	public static void fault(String service, String settings) {
		control().put()
			.uri("/_sim/faults/{service}", service)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(settings)
			.retrieve()
			.toBodilessEntity()
			.block();
	}

	public static long calls(String service, String kind) {
		Map<?, ?> stats = control().get().uri("/_sim/stats").retrieve().bodyToMono(Map.class).block();
		Object counts = (stats != null) ? stats.get(service) : null;
		Object count = (counts instanceof Map<?, ?> map) ? map.get(kind) : null;
		return (count instanceof Number number) ? number.longValue() : 0;
	}

	/**
	 * The last request a simulated service received: method, path and correlation
	 * headers.
	 * @param service the service
	 * @return the request summary, empty when it received none
	 */
	public static Map<?, ?> lastRequest(String service) {
		Map<?, ?> all = control().get().uri("/_sim/last-requests").retrieve().bodyToMono(Map.class).block();
		Object request = (all != null) ? all.get(service) : null;
		return (request instanceof Map<?, ?> map) ? map : Map.of();
	}

}
