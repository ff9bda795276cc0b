package org.millgate.erpsim.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Counts every call a service receives, then applies the service's faults: outage,
 * latency with jitter, an error rate, cut-off bodies and slow bodies. Delays are timers,
 * never sleeps.
 */
public final class FaultFilter implements WebFilter, Ordered {

	private final Faults faults;

	private final CallStatistics statistics;

	private final Function<String, Optional<String>> serviceOfPath;

	/**
	 * A filter over the given services.
	 * @param faults the injected faults
	 * @param statistics where calls are counted
	 * @param serviceOfPath the id of the service a raw request path belongs to
	 */
	public FaultFilter(Faults faults, CallStatistics statistics, Function<String, Optional<String>> serviceOfPath) {
		this.faults = faults;
		this.statistics = statistics;
		this.serviceOfPath = serviceOfPath;
	}

	@Override
	public int getOrder() {
		return -100;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Optional<String> service = this.serviceOfPath.apply(exchange.getRequest().getURI().getRawPath());
		if (service.isEmpty()) {
			return chain.filter(exchange);
		}
		this.statistics.count(service.get(), "total");
		this.statistics.count(service.get(), exchange.getRequest().getMethod().name());
		String agent = exchange.getRequest().getHeaders().getFirst(HttpHeaders.USER_AGENT);
		if (agent != null && agent.startsWith("millgate-")) {
			// which of the platform's services called: each names itself
			this.statistics.count(service.get(), "agent:" + agent.substring(0, Math.min(agent.length(), 60)));
		}
		Map<String, String> summary = new LinkedHashMap<>();
		summary.put("method", exchange.getRequest().getMethod().name());
		summary.put("path", exchange.getRequest().getURI().getRawPath());
		HttpHeaders headers = exchange.getRequest().getHeaders();
		summary.put("correlationId", Objects.toString(headers.getFirst("X-Correlation-Id"), ""));
		summary.put("traceparent", Objects.toString(headers.getFirst("traceparent"), ""));
		summary.put("sapClient", Objects.toString(exchange.getRequest().getQueryParams().getFirst("sap-client"), ""));
		summary.put("sapLanguage",
				Objects.toString(exchange.getRequest().getQueryParams().getFirst("sap-language"), ""));
		summary.put("acceptLanguage", Objects.toString(headers.getFirst(HttpHeaders.ACCEPT_LANGUAGE), ""));
		this.statistics.remember(service.get(), summary);
		// how many calls a service has in flight at once, injected latency included (what
		// a bulkhead in front of the ERP must cap)
		this.statistics.started(service.get());
		return answer(exchange, chain, service.get()).doFinally((signal) -> this.statistics.finished(service.get()));
	}

	private Mono<Void> answer(ServerWebExchange exchange, WebFilterChain chain, String serviceId) {
		FaultSettings settings = this.faults.of(serviceId);
		if (settings.outage()) {
			return fail(exchange, HttpStatus.SERVICE_UNAVAILABLE, MediaType.TEXT_HTML,
					"<html><body><h1>503 Service Unavailable</h1><p>No server is available to handle this request.</p></body></html>");
		}
		long delay = settings.latencyMs()
				+ ((settings.jitterMs() > 0) ? ThreadLocalRandom.current().nextLong(settings.jitterMs() + 1) : 0);
		Mono<Void> handled = Mono.defer(() -> {
			HttpMethod method = exchange.getRequest().getMethod();
			if (settings.refusal() != null && (HttpMethod.POST.equals(method) || HttpMethod.PATCH.equals(method))) {
				// a business refusal, as SAP answers one: 400 with the message class and
				// number
				int space = settings.refusal().indexOf(' ');
				return fail(exchange, HttpStatus.BAD_REQUEST, MediaType.APPLICATION_JSON,
						refusal(settings.refusal().substring(0, space), settings.refusal().substring(space + 1)));
			}
			if (settings.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < settings.errorRate()) {
				return fail(exchange, HttpStatus.valueOf(settings.errorStatus()), MediaType.APPLICATION_JSON,
						injectedError(settings.errorStatus()));
			}
			if (settings.malformed() || settings.slowBodyMs() > 0) {
				return chain.filter(exchange.mutate().response(new Garbling(exchange.getResponse(), settings)).build());
			}
			return chain.filter(exchange);
		});
		return (delay > 0) ? Mono.delay(Duration.ofMillis(delay)).then(handled) : handled;
	}

	private static String refusal(String code, String text) {
		return "{\"error\":{\"code\":\"" + code + "\",\"message\":{\"lang\":\"en\",\"value\":\""
				+ text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"},\"innererror\":{\"transactionid\":\""
				+ UUID.randomUUID().toString().replace("-", "") + "\",\"errordetails\":[]}}}";
	}

	private static String injectedError(int status) {
		return "{\"error\":{\"code\":\"/IWFND/CM_BEC/" + status
				+ "\",\"message\":{\"lang\":\"en\",\"value\":\"Injected fault: the backend failed\"},"
				+ "\"innererror\":{\"transactionid\":\"" + UUID.randomUUID().toString().replace("-", "")
				+ "\",\"errordetails\":[]}}}";
	}

	private static Mono<Void> fail(ServerWebExchange exchange, HttpStatus status, MediaType type, String body) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(type);
		DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(buffer));
	}

	/**
	 * Holds the body back and cuts it off in the middle, as the faults ask.
	 */
	private static final class Garbling extends ServerHttpResponseDecorator {

		private final FaultSettings settings;

		Garbling(ServerHttpResponse delegate, FaultSettings settings) {
			super(delegate);
			this.settings = settings;
		}

		@Override
		public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
			Mono<DataBuffer> joined = DataBufferUtils.join(Flux.from(body)).map((buffer) -> {
				if (!this.settings.malformed()) {
					return buffer;
				}
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				getHeaders().setContentLength(bytes.length / 2);
				return bufferFactory().wrap(Arrays.copyOf(bytes, bytes.length / 2));
			});
			Mono<DataBuffer> delayed = (this.settings.slowBodyMs() > 0)
					? Mono.delay(Duration.ofMillis(this.settings.slowBodyMs())).then(joined) : joined;
			return super.writeWith(delayed);
		}

	}

}
