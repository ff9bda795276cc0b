package org.millgate.inventory.web;

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

	private final RequestValidator validator;

	private final OperationScopes operations;

	private final Problems problems;

	public ContractValidationFilter(ContractDocument contract, Problems problems) {
		this.validator = new RequestValidator(contract);
		this.operations = OperationScopes.of(contract);
		this.problems = problems;
	}

	@Override
	public int getOrder() {
		return 0;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		// The decoded path, as the controllers' mappings see it: "/%761/..." is v1.
		String path = decoded(request);
		if (!path.startsWith("/v1/")) {
			return chain.filter(exchange);
		}
		var operation = this.operations.find(request.getMethod().name(), path);
		if (operation.isEmpty()) {
			return this.problems.write(exchange, "resource.notFound",
					"There is no operation " + request.getMethod().name() + " " + path + " in this API.");
		}
		return DataBufferUtils.join(request.getBody(), MAX_BODY)
			.map(JoinedBody::of)
			.defaultIfEmpty(JoinedBody.EMPTY)
			.flatMap((body) -> {
				List<Map<String, String>> violations = violations(request, path, body.bytes());
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

	private List<Map<String, String>> violations(ServerHttpRequest request, String path, byte[] body) {
		return this.validator
			.validate(request.getMethod().name(), path, request.getQueryParams(),
					request.getHeaders().asMultiValueMap(), body)
			.stream()
			.map((violation) -> Map.of("pointer", violation.pointer(), "message", violation.message()))
			.toList();
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
