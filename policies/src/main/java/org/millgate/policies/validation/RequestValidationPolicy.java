package org.millgate.policies.validation;

import java.util.List;
import java.util.Optional;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.validation.RequestViolation;
import org.millgate.policies.core.ApiCall;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.core.Policy;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.Problems;

/**
 * Policy {@code request-validation}: path, query, headers and body checked against the
 * contract of the called version before anything reaches the product; the body is read
 * once, up to a limit, and handed on. Failure codes: {@code request.invalid} (400, one
 * {@code errors[]} entry per violation), {@code request.tooLarge} (413).
 */
public final class RequestValidationPolicy implements Policy {

	public static final String ID = "request-validation";

	private final ApiRoute route;

	private final Config config;

	private final Problems problems;

	public RequestValidationPolicy(ApiRoute route, Config config, Problems problems) {
		this.route = route;
		this.config = config;
		this.problems = problems;
	}

	@Override
	public String id() {
		return ID;
	}

	public OrderedGatewayFilter filter() {
		return new OrderedGatewayFilter(this::apply, PolicyOrder.REQUEST_VALIDATION);
	}

	Mono<Void> apply(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long declared = request.getHeaders().getContentLength();
		if (declared > this.config.maxBodyBytes()) {
			return tooLarge(exchange);
		}
		// the limit's error is handled on the read alone, not on what follows downstream
		return DataBufferUtils.join(request.getBody(), this.config.maxBodyBytes()).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return Optional.of(bytes);
		})
			.defaultIfEmpty(Optional.of(new byte[0]))
			.onErrorResume(DataBufferLimitException.class, (tooLarge) -> Mono.just(Optional.empty()))
			.flatMap((body) -> body.isPresent() ? validate(exchange, chain, body.get()) : tooLarge(exchange));
	}

	private Mono<Void> validate(ServerWebExchange exchange, GatewayFilterChain chain, byte[] body) {
		ServerHttpRequest request = exchange.getRequest();
		List<RequestViolation> violations = this.route.requestValidator()
			.validate(request.getMethod().name(), request.getPath().value(), request.getQueryParams(),
					Headers.asMap(request.getHeaders()), body);
		ApiCall call = ApiCall.of(exchange);
		if (!violations.isEmpty()) {
			call.validation("request-invalid");
			return this.problems.write(exchange, "request.invalid", "The request does not satisfy the "
					+ this.route.productId() + " " + this.route.versionName() + " contract; see errors.", violations,
					HttpHeaders.EMPTY);
		}
		call.validation("valid");
		ServerHttpRequest replay = new ServerHttpRequestDecorator(request) {
			@Override
			public Flux<DataBuffer> getBody() {
				return (body.length == 0) ? Flux.empty()
						: Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
			}
		};
		return chain.filter(exchange.mutate().request(replay).build());
	}

	private Mono<Void> tooLarge(ServerWebExchange exchange) {
		ApiCall.of(exchange).validation("request-too-large");
		return this.problems.write(exchange, "request.tooLarge", "The request body is larger than the "
				+ this.config.maxBodyBytes() + " bytes " + this.route.productId() + " accepts.");
	}

	/**
	 * Request validation settings of a product.
	 *
	 * @param maxBodyBytes the largest body accepted
	 */
	public record Config(int maxBodyBytes) {

	}

}
