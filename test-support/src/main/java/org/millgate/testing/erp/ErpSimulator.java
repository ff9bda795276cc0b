package org.millgate.testing.erp;

import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import org.millgate.erpsim.ErpSimulatorApplication;

/**
 * The ERP simulator for the whole test run of a module, on a free port, reached over HTTP
 * as the facade reaches a real ERP; with the simulator's control API (reset, faults, call
 * counts) for the tests. Needs {@code erp-simulator} on the test classpath.
 */
public final class ErpSimulator {

	/** The system property that carries the running simulator's base URL. */
	public static final String BASE_URL_PROPERTY = "millgate.test.erp-base-url";

	private static ConfigurableApplicationContext running;

	private ErpSimulator() {
	}

	/**
	 * Starts the simulator on first use.
	 * @return its base URL
	 */
	public static synchronized String baseUrl() {
		if (running == null) {
			running = new SpringApplicationBuilder(ErpSimulatorApplication.class).run(
					ErpSimulatorApplication.CONFIG_NAME, "--server.port=0", "--erp.release=2022",
					"--spring.main.banner-mode=off", "--logging.level.root=WARN",
					"--logging.structured.format.console=",
					// a product's tests hold the facade, product-web and Spring
					// Security: the simulator configures none of them
					"--spring.autoconfigure.exclude=" + String.join(",",
							"org.millgate.erp.autoconfigure.ErpFacadeAutoConfiguration",
							"org.millgate.product.web.ProductWebAutoConfiguration",
							"org.millgate.product.web.ProductSecurityAutoConfiguration",
							"org.millgate.product.web.ErpWebAutoConfiguration",
							"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
							"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
							"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
							"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
							"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration"));
			String url = "http://127.0.0.1:" + ((WebServerApplicationContext) running).getWebServer().getPort();
			System.setProperty(BASE_URL_PROPERTY, url);
		}
		return System.getProperty(BASE_URL_PROPERTY);
	}

	/** Back to the seed data, without faults. */
	public static void reset() {
		control().post().uri("/_sim/reset").retrieve().toBodilessEntity().block();
	}

	/**
	 * Injects a fault into one simulated service.
	 * @param service the service, e.g. {@code material-stock}
	 * @param settings the fault settings as JSON, e.g. <code>{"outage":true}</code>
	 */
	public static void fault(String service, String settings) {
		control().put()
			.uri("/_sim/faults/{service}", service)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(settings)
			.retrieve()
			.toBodilessEntity()
			.block();
	}

	/**
	 * How many confirmations the ERP has booked for an order, reversals included.
	 * @param orderId the order
	 * @return the count
	 */
	public static long bookedConfirmations(String orderId) {
		String count = control().get()
			.uri("/sap/opu/odata/sap/API_PROD_ORDER_CONFIRMATION_2_SRV/ProdnOrdConf2/$count?$filter={filter}",
					"OrderID eq '" + orderId + "'")
			.headers((headers) -> headers.setBasicAuth("millgate", "millgate"))
			.retrieve()
			.bodyToMono(String.class)
			.block();
		return Long.parseLong(count.trim());
	}

	/**
	 * How many calls of a kind a simulated service received.
	 * @param service the service
	 * @param kind e.g. {@code reads}
	 * @return the count
	 */
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

	private static WebClient control() {
		return WebClient.create(baseUrl());
	}

}
