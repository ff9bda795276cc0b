package org.millgate.product.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.validation.RequestValidator;
import org.millgate.contracts.validation.RequestViolation;
import org.millgate.web.Problems;
import org.millgate.web.RequestPaths;

/**
 * Checks every request to a versioned path against the contract of its version before a
 * controller sees it: path, query, headers and body, with one {@code errors[]} entry per
 * violation, then the product's own {@link RequestCheck}s, then the body's quantities by
 * the ERP's rule and the units table ({@code erp.limitExceeded}, as the gateway answers).
 * A version the service does not serve (unknown, draft or retired) never reaches a
 * controller, whatever the controllers' mappings would accept. The validators are built
 * once per version.
 */
final class ContractValidationFilter implements WebFilter, Ordered {

	private static final Pattern VERSION_PREFIX = Pattern.compile("/v[0-9]+/?");

	private final Map<String, Version> versions;

	private final List<String> names;

	private final List<RequestCheck> checks;

	private final Problems problems;

	private final int maxBody;

	ContractValidationFilter(ProductContracts contracts, List<RequestCheck> checks, Problems problems, int maxBody) {
		Map<String, Version> versions = new HashMap<>();
		contracts.byVersion()
			.forEach((version, contract) -> versions.put("/" + version + "/",
					new Version(new RequestValidator(contract), OperationScopes.of(contract))));
		this.versions = Map.copyOf(versions);
		this.names = contracts.versions();
		this.checks = List.copyOf(checks);
		this.problems = problems;
		this.maxBody = maxBody;
	}

	@Override
	public int getOrder() {
		return 0;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		// the decoded path, as the controllers' mappings see it: "/%762/..." is v2
		String path = RequestPaths.decoded(request);
		int second = path.indexOf('/', 1);
		String prefix = (second > 0) ? path.substring(0, second + 1) : path;
		Version version = this.versions.get(prefix);
		if (version == null) {
			return VERSION_PREFIX.matcher(prefix).matches() ? this.problems.write(exchange, "version.unknown",
					"This service serves " + String.join(", ", this.names) + " only.") : chain.filter(exchange);
		}
		String method = request.getMethod().name();
		Optional<OperationScopes.Entry> found = version.operations().find(method, path);
		if (found.isEmpty()) {
			return this.problems.write(exchange, "resource.notFound",
					"There is no operation " + method + " " + path + " in this API.");
		}
		OperationScopes.Entry operation = found.get();
		for (RequestCheck check : this.checks) {
			Optional<RequestCheck.Refusal> refusal = check.beforeContract(operation, request);
			if (refusal.isPresent()) {
				return this.problems.write(exchange, refusal.get().code(), refusal.get().detail());
			}
		}
		return DataBufferUtils.join(request.getBody(), this.maxBody)
			.map(ContractValidationFilter::bytes)
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> {
				List<RequestViolation> violations = violations(version, operation, request, path, body);
				if (RequestViolation.unsupportedMediaType(violations)) {
					return this.problems.write(exchange, "request.unsupportedMediaType",
							"This operation takes a body of Content-Type application/json, not "
									+ request.getHeaders().getContentType() + ".");
				}
				if (!violations.isEmpty()) {
					return this.problems.write(exchange, "request.invalid",
							"The request has " + violations.size()
									+ ((violations.size() == 1) ? " invalid field." : " invalid fields."),
							violations, HttpHeaders.EMPTY);
				}
				List<RequestViolation> quantities = version.validator().quantities(method, path, body);
				if (!quantities.isEmpty()) {
					return this.problems.write(exchange, "erp.limitExceeded",
							RequestViolation.quantitiesDetail(quantities), quantities, HttpHeaders.EMPTY);
				}
				return chain.filter(exchange.mutate().request(new CachedBody(request, body)).build());
			})
			.onErrorResume(DataBufferLimitException.class, (tooLarge) -> this.problems.write(exchange,
					"request.invalid", "The request body is larger than " + this.maxBody + " bytes."));
	}

	private List<RequestViolation> violations(Version version, OperationScopes.Entry operation,
			ServerHttpRequest request, String path, byte[] body) {
		List<RequestViolation> violations = new ArrayList<>(version.validator()
			.validate(request.getMethod().name(), path, request.getQueryParams(),
					request.getHeaders().asMultiValueMap(), body));
		for (int i = 0; i < this.checks.size() && violations.isEmpty(); i++) {
			violations.addAll(this.checks.get(i).afterContract(operation, request, body));
		}
		return violations;
	}

	private static byte[] bytes(DataBuffer buffer) {
		byte[] bytes = new byte[buffer.readableByteCount()];
		buffer.read(bytes);
		DataBufferUtils.release(buffer);
		return bytes;
	}

	private record Version(RequestValidator validator, OperationScopes operations) {

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
			return Flux.defer(() -> (this.body.length == 0) ? Flux.empty()
					: Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(this.body)));
		}

	}

}
