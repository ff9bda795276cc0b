package org.millgate.orders.web;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.validation.RequestValidator;

/**
 * Checks every request against the contract before a controller sees it: path, query,
 * headers and body, with one {@code errors[]} entry per violation. The validator is built
 * once from the contract document.
 */
public final class ContractValidationFilter implements WebFilter, Ordered {

	private static final int MAX_BODY = 64 * 1024;

	private static final java.util.regex.Pattern VERSION_PREFIX = java.util.regex.Pattern.compile("^/v[0-9]+/?$");

	private final Map<String, Version> versions;

	private final List<String> names;

	private final Problems problems;

	/**
	 * A filter for the given versions.
	 * @param contracts version (e.g. {@code v1}) → its contract
	 * @param problems writes problem responses
	 */
	public ContractValidationFilter(Map<String, ContractDocument> contracts, Problems problems) {
		Map<String, Version> versions = new java.util.HashMap<>();
		contracts.forEach((version, contract) -> versions.put("/" + version + "/",
				new Version(new RequestValidator(contract), OperationScopes.of(contract))));
		this.versions = Map.copyOf(versions);
		this.names = List.copyOf(contracts.keySet());
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		return 0;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		// The decoded path, as the controllers' mappings see it: "/%762/..." is v2.
		String path = decoded(request);
		int second = path.indexOf('/', 1);
		String prefix = (second > 0) ? path.substring(0, second + 1) : path;
		Version version = this.versions.get(prefix);
		if (version == null) {
			// a version this service does not serve (unknown, draft or retired) never
			// reaches
			// a controller, whatever the controllers' mappings would accept
			return VERSION_PREFIX.matcher(prefix).matches() ? this.problems.write(exchange, "version.unknown",
					"This service serves " + String.join(", ", this.names) + " only.") : chain.filter(exchange);
		}
		var operation = version.operations().find(request.getMethod().name(), path);
		if (operation.isEmpty()) {
			return this.problems.write(exchange, "resource.notFound",
					"There is no operation " + request.getMethod().name() + " " + path + " in this API.");
		}
		if (operation.get().operationId().equals("createConfirmation")
				&& request.getHeaders().getFirst("Idempotency-Key") == null) {
			return this.problems.write(exchange, "idempotency.keyMissing",
					"Posting a confirmation needs an Idempotency-Key header, so that a retry cannot post twice.");
		}
		return DataBufferUtils.join(request.getBody(), MAX_BODY)
			.map(JoinedBody::of)
			.defaultIfEmpty(JoinedBody.EMPTY)
			.flatMap((body) -> {
				List<Map<String, String>> violations = violations(version, request, body.bytes());
				if (!violations.isEmpty()) {
					return this.problems.write(exchange, "request.invalid", "The request has " + violations.size()
							+ ((violations.size() == 1) ? " invalid field." : " invalid fields."), violations);
				}
				return chain.filter(exchange.mutate().request(new CachedBody(request, body.bytes())).build());
			})
			.onErrorResume(DataBufferLimitException.class, (tooLarge) -> this.problems.write(exchange,
					"request.invalid", "The request body is larger than " + MAX_BODY + " bytes."));
	}

	private static String decoded(ServerHttpRequest request) {
		StringBuilder path = new StringBuilder();
		for (org.springframework.http.server.PathContainer.Element element : request.getPath()
			.pathWithinApplication()
			.elements()) {
			path.append((element instanceof org.springframework.http.server.PathContainer.PathSegment segment)
					? segment.valueToMatch() : element.value());
		}
		return path.toString();
	}

	private List<Map<String, String>> violations(Version version, ServerHttpRequest request, byte[] body) {
		String path = decoded(request);
		List<Map<String, String>> violations = new java.util.ArrayList<>(version.validator()
			.validate(request.getMethod().name(), path, request.getQueryParams(),
					request.getHeaders().asMultiValueMap(), body)
			.stream()
			.map((violation) -> Map.of("pointer", violation.pointer(), "message", violation.message()))
			.toList());
		if (violations.isEmpty() && path.startsWith("/v2/") && "POST".equals(request.getMethod().name())
				&& path.endsWith("/confirmations")) {
			// v2 confirmations: yield and scrap travel with their units, which must agree
			tools.jackson.databind.JsonNode json = JsonText.read(body);
			String unit = json.path("yield").path("unit").asString();
			if (json.has("scrap") && !unit.equals(json.path("scrap").path("unit").asString())) {
				violations.add(Map.of("pointer", "/scrap/unit", "message",
						"must be the unit of yield (" + unit + "); send both quantities in one unit"));
			}
		}
		return violations;
	}

	private record Version(RequestValidator validator, OperationScopes operations) {

	}

	private record JoinedBody(byte[] bytes) {

		static final JoinedBody EMPTY = new JoinedBody(new byte[0]);

		static JoinedBody of(DataBuffer buffer) {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return new JoinedBody(bytes);
		}

	}

	/**
	 * The request with its body read once and kept, for the controller after validation.
	 */
	private static final class CachedBody extends ServerHttpRequestDecorator {

		private final byte[] body;

		CachedBody(ServerHttpRequest delegate, byte[] body) {
			super(delegate);
			this.body = body;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return Flux.defer(() -> (this.body.length == 0) ? Flux.empty() : Flux
				.just(org.springframework.core.io.buffer.DefaultDataBufferFactory.sharedInstance.wrap(this.body)));
		}

	}

}
