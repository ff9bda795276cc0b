package org.millgate.policies.validation;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.validation.RequestViolation;
import org.millgate.policies.core.AbstractRoutePolicy;
import org.millgate.policies.core.ApiCall;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.RouteConfigs;
import org.millgate.web.Problems;

/**
 * Policy {@value #ID}, order {@link PolicyOrder#REQUEST_VALIDATION}: path, query, headers
 * and body checked against the contract of the called version before anything reaches the
 * product; the body is read once, up to a limit, and handed on. Configuration:
 * {@link Config}, per product. Failure codes: {@value #REQUEST_INVALID} (400, one
 * {@code errors[]} entry per violation), {@value #REQUEST_TOO_LARGE} (413),
 * {@value #UNSUPPORTED_MEDIA_TYPE} (415, a body that is not {@code application/json}),
 * {@value #ERP_LIMIT_EXCEEDED} (422, a quantity the ERP would refuse: more decimals than
 * its unit has, or more than 10 digits before the point; one {@code errors[]} entry
 * each).
 */
public final class RequestValidationPolicy extends AbstractRoutePolicy<RequestValidationPolicy.Config> {

	public static final String ID = "request-validation";

	/** 400: the request breaks the contract. */
	public static final String REQUEST_INVALID = "request.invalid";

	/** 413: the body is larger than the product accepts. */
	public static final String REQUEST_TOO_LARGE = "request.tooLarge";

	/**
	 * 422: a quantity the ERP would refuse, with more decimals than its unit has (the
	 * units table) or more than 10 digits before the point; the product answers the same.
	 */
	public static final String ERP_LIMIT_EXCEEDED = "erp.limitExceeded";

	/** 415: a body in a media type the operation does not take. */
	public static final String UNSUPPORTED_MEDIA_TYPE = "request.unsupportedMediaType";

	private final Problems problems;

	public RequestValidationPolicy(RouteConfigs<Config> configs, Problems problems) {
		super(ID, PolicyOrder.REQUEST_VALIDATION, configs);
		this.problems = problems;
	}

	@Override
	protected GatewayFilter filter(ApiRoute route, Config config) {
		return (exchange, chain) -> filter(route, config, exchange, chain);
	}

	private Mono<Void> filter(ApiRoute route, Config config, ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		long declared = request.getHeaders().getContentLength();
		if (declared > config.maxBodyBytes()) {
			return tooLarge(route, config, exchange);
		}
		return Bodies.read(request.getBody(), config.maxBodyBytes())
			.flatMap((body) -> body.isPresent() ? validate(route, exchange, chain, body.get())
					: tooLarge(route, config, exchange));
	}

	private Mono<Void> validate(ApiRoute route, ServerWebExchange exchange, GatewayFilterChain chain, byte[] body) {
		ServerHttpRequest request = exchange.getRequest();
		List<RequestViolation> violations = route.requestValidator()
			.validate(request.getMethod().name(), request.getPath().value(), request.getQueryParams(),
					Headers.asMap(request.getHeaders()), body);
		ApiCall call = ApiCall.of(exchange);
		if (RequestViolation.unsupportedMediaType(violations)) {
			call.validation("request-invalid");
			return this.problems.write(exchange, UNSUPPORTED_MEDIA_TYPE,
					"This " + route.productId() + " " + route.versionName()
							+ " operation takes a body of Content-Type application/json, not "
							+ request.getHeaders().getContentType() + ".");
		}
		if (!violations.isEmpty()) {
			call.validation("request-invalid");
			return this.problems.write(exchange, REQUEST_INVALID, "The request does not satisfy the "
					+ route.productId() + " " + route.versionName() + " contract; see errors.", violations,
					HttpHeaders.EMPTY);
		}
		List<RequestViolation> quantities = route.requestValidator()
			.quantities(request.getMethod().name(), request.getPath().value(), body);
		if (!quantities.isEmpty()) {
			call.validation("quantity-refused");
			return this.problems.write(exchange, ERP_LIMIT_EXCEEDED, RequestViolation.quantitiesDetail(quantities),
					quantities, HttpHeaders.EMPTY);
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

	private Mono<Void> tooLarge(ApiRoute route, Config config, ServerWebExchange exchange) {
		ApiCall.of(exchange).validation("request-too-large");
		return this.problems.write(exchange, REQUEST_TOO_LARGE, "The request body is larger than the "
				+ config.maxBodyBytes() + " bytes " + route.productId() + " accepts.");
	}

	/**
	 * Configuration of {@value #ID} for a product.
	 *
	 * @param maxBodyBytes the largest request body accepted
	 */
	public record Config(int maxBodyBytes) {

	}

}
