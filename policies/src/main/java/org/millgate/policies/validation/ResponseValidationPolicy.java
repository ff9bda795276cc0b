package org.millgate.policies.validation;

import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.validation.RequestViolation;
import org.millgate.policies.core.ApiCall;
import org.millgate.policies.core.ApiRoute;
import org.millgate.policies.core.Policy;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.Problems;

/**
 * Policy {@code response-validation}: the product's response checked against the contract
 * of the called version, in mode {@code enforce} (withheld, 502
 * {@code response.invalid}), {@code report} (passed through, counted in
 * {@code millgate.gateway.response.violations} and logged; at most so many responses a
 * second are checked per route, the rest pass unchecked) or {@code off}. Failure code:
 * {@code response.invalid}.
 */
public final class ResponseValidationPolicy implements Policy {

	public static final String ID = "response-validation";

	private static final Logger logger = LoggerFactory.getLogger(ResponseValidationPolicy.class);

	/** Larger responses are not checked (and withheld): no product answers this much. */
	private static final int MAX_CHECKED_BYTES = 4 * 1024 * 1024;

	private final ApiRoute route;

	private final ResponseValidationMode mode;

	private final Problems problems;

	private final Counter violations;

	private final CheckBudget reportBudget;

	/**
	 * A policy checking every response in enforce mode, and at most 100 a second in
	 * report mode.
	 * @param route the route
	 * @param mode the mode
	 * @param problems the problem writer
	 * @param meters where violations are counted
	 */
	public ResponseValidationPolicy(ApiRoute route, ResponseValidationMode mode, Problems problems,
			MeterRegistry meters) {
		this(route, mode, 100, problems, meters);
	}

	/**
	 * A policy.
	 * @param route the route
	 * @param mode the mode
	 * @param reportChecksPerSecond in report mode, how many responses a second are
	 * checked
	 * @param problems the problem writer
	 * @param meters where violations are counted
	 */
	public ResponseValidationPolicy(ApiRoute route, ResponseValidationMode mode, int reportChecksPerSecond,
			Problems problems, MeterRegistry meters) {
		this.route = route;
		this.mode = mode;
		this.reportBudget = new CheckBudget(reportChecksPerSecond);
		this.problems = problems;
		this.violations = Counter.builder("millgate.gateway.response.violations")
			.description("Product responses that broke their contract")
			.tag("product", route.productId())
			.tag("version", route.versionName())
			.tag("mode", mode.name().toLowerCase(java.util.Locale.ROOT))
			.register(meters);
	}

	@Override
	public String id() {
		return ID;
	}

	public OrderedGatewayFilter filter() {
		return new OrderedGatewayFilter(this::apply, PolicyOrder.RESPONSE_VALIDATION);
	}

	Mono<Void> apply(ServerWebExchange exchange, GatewayFilterChain chain) {
		if (this.mode == ResponseValidationMode.OFF) {
			return chain.filter(exchange);
		}
		if (this.mode == ResponseValidationMode.REPORT && !this.reportBudget.tryTake()) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().response(new Checked(exchange)).build());
	}

	private final class Checked extends ServerHttpResponseDecorator {

		private final ServerWebExchange exchange;

		Checked(ServerWebExchange exchange) {
			super(exchange.getResponse());
			this.exchange = exchange;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			return DataBufferUtils.join(Flux.from(body), MAX_CHECKED_BYTES).map((joined) -> {
				byte[] bytes = new byte[joined.readableByteCount()];
				joined.read(bytes);
				DataBufferUtils.release(joined);
				return Optional.of(bytes);
			})
				.defaultIfEmpty(Optional.of(new byte[0]))
				.onErrorResume(DataBufferLimitException.class, (tooLarge) -> Mono.just(Optional.empty()))
				.flatMap((bytes) -> bytes.isPresent() ? check(bytes.get()) : tooLarge());
		}

		@Override
		public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
			return writeWith(Flux.from(body).flatMapSequential((part) -> part));
		}

		private Mono<Void> tooLarge() {
			ApiCall.of(this.exchange).validation("response-too-large");
			logger.warn("{} {}: the response is larger than {} bytes; withheld", this.exchange.getRequest().getMethod(),
					this.exchange.getRequest().getPath().value(), MAX_CHECKED_BYTES);
			return ResponseValidationPolicy.this.problems.write(this.exchange, "response.invalid",
					"The service's response is too large to be checked; it was withheld.");
		}

		private Mono<Void> check(byte[] bytes) {
			ServerHttpResponse response = getDelegate();
			HttpStatusCode status = response.getStatusCode();
			int code = (status != null) ? status.value() : 200;
			List<RequestViolation> found = (code == 304) ? List.of()
					: ResponseValidationPolicy.this.route.responseValidator()
						.validate(this.exchange.getRequest().getMethod().name(),
								this.exchange.getRequest().getPath().value(), code,
								Headers.asMap(response.getHeaders()), bytes);
			ApiCall call = ApiCall.of(this.exchange);
			if (found.isEmpty()) {
				return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
			}
			ResponseValidationPolicy.this.violations.increment();
			logger.warn("{} {} response {} of {} {} breaks the contract: {}", this.exchange.getRequest().getMethod(),
					this.exchange.getRequest().getPath().value(), code, call.product(), call.version(), found);
			if (ResponseValidationPolicy.this.mode == ResponseValidationMode.REPORT) {
				call.validation("response-invalid-reported");
				return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
			}
			call.validation("response-invalid");
			HttpHeaders headers = response.getHeaders();
			headers.remove(HttpHeaders.ETAG);
			headers.remove(HttpHeaders.LOCATION);
			return ResponseValidationPolicy.this.problems.write(this.exchange, "response.invalid",
					"The " + call.product() + " service answered with a response that breaks its " + call.version()
							+ " contract; it was withheld.");
		}

	}

}
