package org.millgate.policies.validation;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.validation.RequestViolation;
import org.millgate.policies.core.ApiCall;
import org.millgate.policies.core.ApiRoute;
import org.millgate.web.Problems;

/**
 * Response validation on one route: its contract, mode, check budget and violation
 * counter.
 */
final class ResponseCheck {

	private static final Logger logger = LoggerFactory.getLogger(ResponseValidationPolicy.class);

	/** Larger responses are not checked (and withheld): no product answers this much. */
	private static final int MAX_CHECKED_BYTES = 4 * 1024 * 1024;

	private final ApiRoute route;

	private final ResponseValidationMode mode;

	private final CheckBudget reportBudget;

	private final Counter violations;

	private final Problems problems;

	ResponseCheck(ApiRoute route, ResponseValidationMode mode, CheckBudget reportBudget, Counter violations,
			Problems problems) {
		this.route = route;
		this.mode = mode;
		this.reportBudget = reportBudget;
		this.violations = violations;
		this.problems = problems;
	}

	Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
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
			return Bodies.read(body, MAX_CHECKED_BYTES)
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
			return ResponseCheck.this.problems.write(this.exchange, ResponseValidationPolicy.RESPONSE_INVALID,
					"The service's response is too large to be checked; it was withheld.");
		}

		private Mono<Void> check(byte[] bytes) {
			ServerHttpResponse response = getDelegate();
			HttpStatusCode status = response.getStatusCode();
			int code = (status != null) ? status.value() : 200;
			List<RequestViolation> found = (code == 304) ? List.of() : ResponseCheck.this.route.responseValidator()
				.validate(this.exchange.getRequest().getMethod().name(), this.exchange.getRequest().getPath().value(),
						code, Headers.asMap(response.getHeaders()), bytes);
			ApiCall call = ApiCall.of(this.exchange);
			if (found.isEmpty()) {
				return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
			}
			ResponseCheck.this.violations.increment();
			logger.warn("{} {} response {} of {} {} breaks the contract: {}", this.exchange.getRequest().getMethod(),
					this.exchange.getRequest().getPath().value(), code, call.product(), call.version(), found);
			if (ResponseCheck.this.mode == ResponseValidationMode.REPORT) {
				call.validation("response-invalid-reported");
				return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
			}
			call.validation("response-invalid");
			HttpHeaders headers = response.getHeaders();
			headers.remove(HttpHeaders.ETAG);
			headers.remove(HttpHeaders.LOCATION);
			return ResponseCheck.this.problems.write(this.exchange, ResponseValidationPolicy.RESPONSE_INVALID,
					"The " + call.product() + " service answered with a response that breaks its " + call.version()
							+ " contract; it was withheld.");
		}

	}

}
