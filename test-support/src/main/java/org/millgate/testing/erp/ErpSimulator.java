package org.millgate.testing.erp;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;

import org.millgate.erpsim.ErpSimulatorApplication;

/**
 * ERP simulators for a module's whole test run, one per release and page size, each on a
 * free port and reached over HTTP as the facade reaches a real ERP; with the simulator's
 * control API (reset, faults, call counts) for the tests, and OData reads and writes as
 * an ERP user, to set up or check what the ERP keeps. Needs {@code erp-simulator} on the
 * test classpath.
 */
public final class ErpSimulator {

	/** The system property that carries the shared simulator's base URL. */
	public static final String BASE_URL_PROPERTY = "millgate.test.erp-base-url";

	/** The release the products' tests run against. */
	public static final String DEFAULT_RELEASE = "2022";

	private static final int DEFAULT_PAGE_SIZE = 100;

	private static final String USER = "millgate";

	private static final String PASSWORD = "millgate";

	private static final String CLERK = "erp-clerk";

	private static final Map<String, ErpSimulator> RUNNING = new HashMap<>();

	private final String baseUrl;

	private final WebClient control;

	private final String user;

	private final String password;

	private ErpSimulator(String baseUrl) {
		this(baseUrl, USER, PASSWORD);
	}

	private ErpSimulator(String baseUrl, String user, String password) {
		this.baseUrl = baseUrl;
		this.user = user;
		this.password = password;
		this.control = WebClient.builder()
			.baseUrl(baseUrl)
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
			.build();
	}

	/**
	 * The same simulator as the ERP clerk sees it: a person working in the ERP itself,
	 * not the platform's communication user, so that what {@link #write} enters is the
	 * ERP's own (a confirmation MES never posted).
	 * @return this simulator, reached as the clerk
	 */
	public ErpSimulator asClerk() {
		return new ErpSimulator(this.baseUrl, CLERK, CLERK);
	}

	/**
	 * The simulator the products' tests share, of the default release; its URL is also
	 * the system property {@value #BASE_URL_PROPERTY}.
	 * @return the running simulator
	 */
	public static ErpSimulator shared() {
		ErpSimulator shared = of(DEFAULT_RELEASE, DEFAULT_PAGE_SIZE);
		System.setProperty(BASE_URL_PROPERTY, shared.baseUrl);
		return shared;
	}

	/**
	 * A simulator already running elsewhere (the platform's, in the system tests), to
	 * read and change it as its users do.
	 * @param baseUrl its base URL
	 * @return a handle on it
	 */
	public static ErpSimulator at(String baseUrl) {
		return new ErpSimulator(baseUrl);
	}

	/**
	 * The simulator of a release, started on first use.
	 * @param release the release, e.g. {@code 2023}
	 * @return the running simulator
	 */
	public static ErpSimulator of(String release) {
		return of(release, DEFAULT_PAGE_SIZE);
	}

	/**
	 * The simulator of a release with a given server page size, started on first use.
	 * @param release the release
	 * @param pageSize rows per page when a client sends no {@code $top}
	 * @return the running simulator
	 */
	public static synchronized ErpSimulator of(String release, int pageSize) {
		return RUNNING.computeIfAbsent(release + "/" + pageSize, (key) -> start(release, pageSize));
	}

	private static ErpSimulator start(String release, int pageSize) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ErpSimulatorApplication.class).run(
				ErpSimulatorApplication.CONFIG_NAME, "--server.port=0", "--erp.release=" + release,
				"--erp.page-size=" + pageSize, "--spring.main.banner-mode=off", "--logging.level.root=WARN",
				"--logging.structured.format.console=",
				// a test classpath may hold the facade, product-web and Spring Security:
				// the simulator configures none of them
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
		return new ErpSimulator("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
	}

	public String baseUrl() {
		return this.baseUrl;
	}

	/** Back to the seed data, without faults. */
	public void reset() {
		this.control.post().uri("/_sim/reset").retrieve().toBodilessEntity().block();
	}

	/**
	 * Injects a fault into one simulated service.
	 * @param service the service, e.g. {@code material-stock}
	 * @param settings the fault settings as JSON, e.g. <code>{"outage":true}</code>
	 */
	public void fault(String service, String settings) {
		this.control.put()
			.uri("/_sim/faults/{service}", service)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(settings)
			.retrieve()
			.toBodilessEntity()
			.block();
	}

	/** Removes every fault, keeping the data. */
	public void clearFaults() {
		this.control.delete().uri("/_sim/faults").retrieve().toBodilessEntity().block();
	}

	/** Makes every CSRF token issued so far invalid, as an ERP session timeout would. */
	public void expireCsrfTokens() {
		this.control.post().uri("/_sim/csrf/expire").retrieve().toBodilessEntity().block();
	}

	/**
	 * How many confirmations the ERP has booked for an order, reversals included.
	 * @param orderId the order
	 * @return the count
	 */
	public long bookedConfirmations(String orderId) {
		String count = this.control.get()
			.uri("/sap/opu/odata/sap/API_PROD_ORDER_CONFIRMATION_2_SRV/ProdnOrdConf2/$count?$filter={filter}",
					"OrderID eq '" + orderId + "'")
			.headers((headers) -> headers.setBasicAuth(this.user, this.password))
			.retrieve()
			.bodyToMono(String.class)
			.block();
		return Long.parseLong(count.trim());
	}

	/**
	 * Reads entities as any OData client does, to compare what a product shows with what
	 * the ERP keeps.
	 * @param path a collection or entity path below the simulator's root, with its query,
	 * e.g. {@code /sap/opu/odata/sap/API_PRODUCT_SRV/A_Product?$top=1}
	 * @return the entities of a collection, or the one entity, as OData v2 JSON objects
	 */
	@SuppressWarnings("unchecked") // JSON objects: their names are strings
	public List<Map<String, Object>> read(String path) {
		Map<String, Object> answer = this.control.get()
			.uri(this.baseUrl + path)
			.headers((headers) -> headers.setBasicAuth(this.user, this.password))
			.accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.bodyToMono(Map.class)
			.block();
		Map<String, Object> data = (Map<String, Object>) answer.get("d");
		Object results = data.get("results");
		return (results instanceof List<?> list) ? (List<Map<String, Object>>) list : List.of(data);
	}

	/**
	 * A component of a plant 1000 production order whose availability check confirmed
	 * another quantity than it requires, as the ERP keeps it.
	 * @param componentSet the release's component entity set, e.g.
	 * {@code A_ProductionOrderComponent_3}
	 * @return the component, as OData v2 JSON
	 */
	public Map<String, Object> componentConfirmedShort(String componentSet) {
		return read(
				"/sap/opu/odata/sap/API_PRODUCTION_ORDER_2_SRV/" + componentSet + "?$filter=Plant eq '1000'&$top=500")
			.stream()
			.filter((row) -> !((String) row.get("ManufacturingOrder")).isEmpty()
					&& new BigDecimal((String) row.get("ConfirmedAvailableQuantity"))
						.compareTo(new BigDecimal((String) row.get("RequiredQuantity"))) != 0)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no component of plant 1000 is confirmed short"));
	}

	/**
	 * Changes the ERP as one of its users would, with SAP's CSRF handshake: a create
	 * ({@code POST}) or a change ({@code PATCH}, with {@code If-Match: *}).
	 * @param method {@code POST} or {@code PATCH}
	 * @param service the service root, e.g.
	 * {@code /sap/opu/odata/sap/API_PRODUCTION_ORDER_2_SRV}
	 * @param resource the entity set or entity below it, e.g.
	 * {@code A_ProductionOrder_2('1000001')}
	 * @param json the body
	 * @return the entity the ERP answers with ({@code d}), empty for a change
	 * @throws IllegalStateException when the ERP refuses it, with the ERP's answer
	 */
	@SuppressWarnings("unchecked") // JSON objects: their names are strings
	public Map<String, Object> write(HttpMethod method, String service, String resource, String json) {
		ResponseEntity<Void> fetched = this.control.get()
			.uri(this.baseUrl + service + "/$metadata")
			.headers((headers) -> {
				headers.setBasicAuth(this.user, this.password);
				headers.set("X-CSRF-Token", "Fetch");
			})
			.retrieve()
			.toBodilessEntity()
			.block();
		String token = fetched.getHeaders().getFirst("X-CSRF-Token");
		String session = fetched.getHeaders()
			.getOrEmpty(HttpHeaders.SET_COOKIE)
			.stream()
			.map((cookie) -> cookie.split(";", 2)[0])
			.findFirst()
			.orElse("");
		ResponseEntity<Map> answer = this.control.method(method)
			.uri(this.baseUrl + service + "/" + resource)
			.headers((headers) -> {
				headers.setBasicAuth(this.user, this.password);
				headers.set("X-CSRF-Token", token);
				headers.set(HttpHeaders.COOKIE, session);
				headers.setIfMatch("*");
			})
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchangeToMono((response) -> response.statusCode().is2xxSuccessful() ? response.toEntity(Map.class)
					: response.bodyToMono(String.class)
						.defaultIfEmpty("")
						.flatMap((body) -> Mono.error(new IllegalStateException("The ERP refused " + method + " "
								+ resource + ": " + response.statusCode() + " " + body))))
			.block();
		Map<String, Object> body = (answer != null) ? answer.getBody() : null;
		return (body != null && body.get("d") instanceof Map<?, ?> entity) ? (Map<String, Object>) entity : Map.of();
	}

	/**
	 * How many calls of a kind a simulated service received.
	 * @param service the service
	 * @param kind e.g. {@code total} or {@code POST}
	 * @return the count
	 */
	public long calls(String service, String kind) {
		Map<?, ?> stats = this.control.get().uri("/_sim/stats").retrieve().bodyToMono(Map.class).block();
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
	@SuppressWarnings("unchecked") // a JSON object: its names are strings
	public Map<String, Object> lastRequest(String service) {
		Map<?, ?> all = this.control.get().uri("/_sim/last-requests").retrieve().bodyToMono(Map.class).block();
		Object request = (all != null) ? all.get(service) : null;
		return (request instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

}
