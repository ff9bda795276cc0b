package org.millgate.testing.contracts;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.validation.RequestViolation;
import org.millgate.contracts.validation.ResponseValidator;

/**
 * Every answer a product's test suite got, checked against the contract of the version it
 * called: the status must be declared for that operation and the body must be the one
 * declared for it. A {@link org.millgate.testing.product.ProductTest} records each
 * exchange its server answers ({@link Recorder}) and checks them after each test class,
 * so that an answer a test provokes but the contract does not declare (a 409 nobody wrote
 * down, a 422 with the wrong body) fails the suite that provoked it.
 * <p>
 * Exchanges outside the contract's operations (the contract and Swagger UI routes,
 * actuator endpoints, a version the product does not serve) are not checked.
 */
public final class DeclaredAnswers {

	private static final ContractCatalog CATALOG = ContractCatalog.load();

	private static final Map<String, ResponseValidator> VALIDATORS = new ConcurrentHashMap<>();

	private static final Map<String, List<Template>> TEMPLATES = new ConcurrentHashMap<>();

	private static final Queue<Exchange> RECORDED = new ConcurrentLinkedQueue<>();

	private static final Pattern VERSION = Pattern.compile("^/(v[0-9]+)/.*");

	private DeclaredAnswers() {
	}

	/**
	 * One answered exchange.
	 *
	 * @param method the request method
	 * @param path the request path, decoded, without query
	 * @param status the status answered
	 * @param headers the response headers
	 * @param body the response body
	 */
	public record Exchange(String method, String path, int status, Map<String, List<String>> headers, byte[] body) {

	}

	private record Template(String method, Pattern path) {

	}

	/**
	 * The exchanges recorded since the last {@link #drain()}.
	 * @return the exchanges, and none are kept
	 */
	public static List<Exchange> drain() {
		List<Exchange> drained = new ArrayList<>();
		Exchange next;
		while ((next = RECORDED.poll()) != null) {
			drained.add(next);
		}
		return drained;
	}

	/**
	 * The answers a product's contracts do not declare.
	 * @param product the product id
	 * @param exchanges the exchanges
	 * @return one line per undeclared answer: method, path, status and why
	 */
	public static List<String> undeclared(String product, List<Exchange> exchanges) {
		if (product == null || CATALOG.product(product).isEmpty()) {
			throw new IllegalArgumentException(
					"no product '" + product + "' in the contract catalog to check answers against");
		}
		List<String> undeclared = new ArrayList<>();
		for (Exchange exchange : exchanges) {
			var version = VERSION.matcher(exchange.path());
			if (!version.matches()) {
				continue;
			}
			Optional<ContractDocument> contract = CATALOG.contract(product, version.group(1));
			if (contract.isEmpty() || !isOperation(product, version.group(1), contract.get(), exchange)) {
				continue;
			}
			ResponseValidator validator = VALIDATORS.computeIfAbsent(product + "/" + version.group(1),
					(key) -> new ResponseValidator(contract.get()));
			List<RequestViolation> violations = validator.validate(exchange.method(), exchange.path(),
					exchange.status(), exchange.headers(), exchange.body());
			if (!violations.isEmpty()) {
				undeclared.add(exchange.method() + " " + exchange.path() + " → " + exchange.status() + ": "
						+ violations.stream().map(RequestViolation::message).distinct().toList());
			}
		}
		return undeclared;
	}

	private static boolean isOperation(String product, String version, ContractDocument contract, Exchange exchange) {
		List<Template> templates = TEMPLATES.computeIfAbsent(product + "/" + version, (key) -> {
			List<Template> list = new ArrayList<>();
			new OpenApiTree(contract.tree()).operations()
				.forEach((operation) -> list.add(new Template(operation.method(),
						Pattern.compile(Pattern.quote(operation.path()).replaceAll("\\{[^/}]+}", "\\\\E[^/]+\\\\Q")))));
			return list;
		});
		return templates.stream()
			.anyMatch((template) -> template.method().equalsIgnoreCase(exchange.method())
					&& template.path().matcher(exchange.path()).matches());
	}

	/**
	 * Records every exchange a product's server answers, with the body it wrote; first of
	 * all filters, so that it sees what the consumer sees.
	 */
	public static final class Recorder implements WebFilter, Ordered {

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			ServerHttpResponse original = exchange.getResponse();
			String method = exchange.getRequest().getMethod().name();
			String path = exchange.getRequest().getPath().pathWithinApplication().value();
			ByteArrayOutputStream written = new ByteArrayOutputStream();
			ServerHttpResponseDecorator recording = new ServerHttpResponseDecorator(original) {

				@Override
				public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
					return super.writeWith(Flux.from(body).map((buffer) -> {
						byte[] bytes = new byte[buffer.readableByteCount()];
						buffer.read(bytes);
						DataBufferUtils.release(buffer);
						synchronized (written) {
							written.writeBytes(bytes);
						}
						return bufferFactory().wrap(bytes);
					}));
				}

			};
			return chain.filter(exchange.mutate().response(recording).build()).doFinally((signal) -> {
				if (signal == SignalType.CANCEL) {
					// the caller left: it got no answer to check
					return;
				}
				synchronized (written) {
					record(method, path, original, written.toByteArray());
				}
			});
		}

		private static void record(String method, String path, ServerHttpResponse response, byte[] body) {
			Map<String, List<String>> headers = new LinkedHashMap<>();
			response.getHeaders().forEach(headers::put);
			if (response.getStatusCode() == null) {
				return;
			}
			int status = response.getStatusCode().value();
			RECORDED.add(new Exchange(method, path, status, headers, body));
		}

	}

}
