package org.millgate.erp.sap;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import javax.net.ssl.SSLException;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriUtils;

import org.millgate.erp.port.CallContext;
import org.millgate.erp.port.ErpFailure;

/**
 * HTTP toward SAP Gateway: authentication (a refused token is renewed and the call sent
 * again, once), {@code sap-client} and {@code sap-language}, correlation headers, the
 * CSRF token and session cookies for writes (fetched once, cached, fetched again once
 * when the ERP answers 403 {@code X-CSRF-Token: Required}), next-link paging, and ERP
 * errors mapped to typed failures.
 */
final class SapHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_PAGES = 1000;

	private final WebClient client;

	// ERP message codes of refusals that are state conflicts
	private final Set<String> conflictCodes;

	private final String baseUrl;

	private final String sapClient;

	// null: the technical user's own logon language
	private final String sapLanguage;

	private final Credentials credentials;

	private final AtomicReference<CsrfSession> session = new AtomicReference<>();

	SapHttp(WebClient client, URI baseUrl, String sapClient, String sapLanguage, Credentials credentials,
			Set<String> conflictCodes) {
		this.conflictCodes = conflictCodes;
		this.client = client;
		String base = baseUrl.toString();
		this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.sapClient = sapClient;
		this.sapLanguage = (sapLanguage != null) ? sapLanguage.toUpperCase(Locale.ROOT) : null;
		this.credentials = credentials;
	}

	/**
	 * Reads one resource.
	 * @param service the service path
	 * @param resource e.g. {@code A_ProductionOrder_2('1000001')}
	 * @param query system query options, unencoded
	 * @return the answer
	 */
	Mono<Answer> get(String service, String resource, Map<String, String> query) {
		return exchange(HttpMethod.GET, url(service, resource, query), null, null);
	}

	/**
	 * Reads a collection, following next links until the last page.
	 * @return every entity of every page
	 */
	Mono<List<JsonNode>> getAll(String service, String resource, Map<String, String> query) {
		return exchange(HttpMethod.GET, url(service, resource, query), null, null)
			.expand((answer) -> (answer.next() != null) ? exchange(HttpMethod.GET, answer.next(), null, null)
					: Mono.empty())
			.index()
			.map((page) -> {
				if (page.getT1() >= MAX_PAGES) {
					throw new ErpFailure.Malformed("the ERP answered more than " + MAX_PAGES + " pages", null);
				}
				return page.getT2();
			})
			.concatMapIterable(Answer::entities)
			.collectList()
			// A collection that does not exist is a missing service or entity set, not a
			// missing object: an operator must activate it.
			.onErrorMap(ErpFailure.NotFound.class,
					(missing) -> new ErpFailure.Unavailable("the ERP does not serve " + service + "/" + resource
							+ "; is the service activated? (" + missing.getMessage() + ")", Duration.ofMinutes(1),
							missing, false));
	}

	/**
	 * Reads a document as text, such as {@code $metadata}.
	 */
	Mono<String> text(String service, String resource) {
		return authorized((auth) -> request(this.client.method(HttpMethod.GET), url(service, resource, Map.of()), auth)
			.exchangeToMono((response) -> response.bodyToMono(String.class).defaultIfEmpty("").flatMap((body) -> {
				if (response.statusCode().is2xxSuccessful()) {
					return Mono.just(body);
				}
				ErpFailure failure = failure(response.statusCode().value(), response.headers().asHttpHeaders(), body);
				return Mono.error((response.statusCode().value() == 401) ? new Refused(failure) : failure);
			})));
	}

	/**
	 * Writes: fetches or reuses the CSRF token and session, sends, and on a CSRF refusal
	 * fetches a new token once and sends again (safe: a refused request was not
	 * processed).
	 */
	Mono<Answer> post(String service, String resource, Map<String, String> query, JsonNode body) {
		URI url = url(service, resource, query);
		return csrf(service, false).flatMap((csrf) -> exchange(HttpMethod.POST, url, body, csrf))
			.onErrorResume(CsrfRequired.class,
					(refused) -> csrf(service, true).flatMap((csrf) -> exchange(HttpMethod.POST, url, body, csrf)));
	}

	private Mono<CsrfSession> csrf(String service, boolean refresh) {
		CsrfSession current = this.session.get();
		if (current != null && !refresh) {
			return Mono.just(current);
		}
		return authorized((auth) -> request(this.client.method(HttpMethod.GET), url(service, "", Map.of()), auth)
			.header("X-CSRF-Token", "Fetch")
			.accept(MediaType.APPLICATION_JSON)
			.exchangeToMono((response) -> response.releaseBody().then(Mono.defer(() -> {
				String token = response.headers().asHttpHeaders().getFirst("X-CSRF-Token");
				if (response.statusCode().value() == 401) {
					return Mono.error(new Refused(failure(401, response.headers().asHttpHeaders(), "")));
				}
				if (!response.statusCode().is2xxSuccessful() || token == null) {
					return Mono.error(new ErpFailure.Unavailable(
							"the ERP gave no CSRF token (status " + response.statusCode().value() + ")",
							Duration.ofSeconds(5), null));
				}
				List<String> cookies = new ArrayList<>();
				response.cookies()
					.forEach((name, values) -> values
						.forEach((cookie) -> cookies.add(cookie.getName() + "=" + cookie.getValue())));
				CsrfSession fresh = new CsrfSession(token, String.join("; ", cookies));
				this.session.set(fresh);
				return Mono.just(fresh);
			}))));
	}

	private Mono<Answer> exchange(HttpMethod method, URI url, JsonNode body, CsrfSession csrf) {
		return Mono.deferContextual((context) -> authorized((auth) -> {
			WebClient.RequestBodySpec request = request(this.client.method(method), url, auth)
				.accept(MediaType.APPLICATION_JSON);
			context.<String>getOrEmpty(CallContext.CORRELATION_ID)
				.ifPresent((id) -> request.header("X-Correlation-Id", id));
			context.<String>getOrEmpty(CallContext.TRACEPARENT)
				.ifPresent((parent) -> request.header("traceparent", parent));
			if (csrf != null) {
				request.header("X-CSRF-Token", csrf.token());
				if (!csrf.cookies().isEmpty()) {
					request.header(HttpHeaders.COOKIE, csrf.cookies());
				}
			}
			if (body != null) {
				request.contentType(MediaType.APPLICATION_JSON).bodyValue(body.toString());
			}
			return request.exchangeToMono((response) -> answer(url, response));
		}));
	}

	private WebClient.RequestBodySpec request(WebClient.RequestBodyUriSpec method, URI url, String authorization) {
		WebClient.RequestBodySpec request = method.uri(url);
		if (!authorization.isEmpty()) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		if (this.sapLanguage != null) {
			request.header(HttpHeaders.ACCEPT_LANGUAGE, this.sapLanguage.toLowerCase(Locale.ROOT));
		}
		return request;
	}

	// A call with the current credentials; when the ERP refuses a token, the token is
	// renewed and the call sent once more (a refused call was not processed, so this is
	// safe for writes too). A refused password is not sent again: repeated failed logons
	// lock SAP users.
	private <T> Mono<T> authorized(Function<String, Mono<T>> call) {
		return this.credentials.authorization()
			.flatMap((auth) -> call.apply(auth)
				.onErrorResume(Refused.class,
						(refused) -> this.credentials.renew(auth) ? this.credentials.authorization()
							.flatMap(call)
							.onErrorMap(Refused.class, (again) -> again.failure) : Mono.error(refused.failure)))
			.onErrorMap(SapHttp::handshakeFailed, (error) -> new ErpFailure.Unavailable(
					"the TLS handshake with the ERP failed (" + rootMessage(error) + "); check that "
							+ "millgate.erp.tls.trust-store holds the ERP's certificate or its authority, and, for "
							+ "auth.mode=mtls, that the ERP trusts the certificate in millgate.erp.tls.key-store",
					Duration.ofSeconds(60), error, false));
	}

	private ErpFailure failure(int status, HttpHeaders headers, String body) {
		return SapErrors.of(status, headers, body, this.conflictCodes);
	}

	private Mono<Answer> answer(URI url, ClientResponse response) {
		return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]).flatMap((bytes) -> {
			int status = response.statusCode().value();
			HttpHeaders headers = response.headers().asHttpHeaders();
			String text = new String(bytes, StandardCharsets.UTF_8);
			if (status == 403 && "Required".equalsIgnoreCase(headers.getFirst("X-CSRF-Token"))) {
				return Mono.error(new CsrfRequired());
			}
			if (status == 401) {
				return Mono.error(new Refused(failure(status, headers, text)));
			}
			if (!response.statusCode().is2xxSuccessful()) {
				return Mono.error(failure(status, headers, text));
			}
			if (bytes.length == 0) {
				return Mono.just(new Answer(JSON.createObjectNode(), headers, url));
			}
			try {
				return Mono.just(new Answer(JSON.readTree(bytes), headers, url));
			}
			catch (JacksonException ex) {
				return Mono.error(new ErpFailure.Malformed("the ERP's answer is not valid JSON", ex));
			}
		});
	}

	private static boolean handshakeFailed(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof SSLException) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	private URI url(String service, String resource, Map<String, String> query) {
		Map<String, String> options = new LinkedHashMap<>(query);
		options.put("sap-client", this.sapClient);
		if (this.sapLanguage != null) {
			options.put("sap-language", this.sapLanguage);
		}
		StringBuilder url = new StringBuilder(this.baseUrl).append(service).append('/');
		// One segment: a '/' inside a key (material numbers may hold one) is encoded.
		url.append(UriUtils.encodePathSegment(resource, StandardCharsets.UTF_8)).append('?');
		options.forEach((name, value) -> url.append(query(name)).append('=').append(query(value)).append('&'));
		url.setLength(url.length() - 1);
		return URI.create(url.toString());
	}

	// Servers decode '+' in a query as a space, so it is sent encoded.
	private static String query(String text) {
		return UriUtils.encodeQueryParam(text, StandardCharsets.UTF_8).replace("+", "%2B");
	}

	/**
	 * An answer: the JSON body and the headers.
	 *
	 * @param body the body
	 * @param headers the headers
	 * @param url the request it answers
	 */
	record Answer(JsonNode body, HttpHeaders headers, URI url) {

		/**
		 * The single entity of a v2 {@code d} envelope or a v4 body.
		 */
		JsonNode entity() {
			return this.body.has("d") ? this.body.get("d") : this.body;
		}

		List<JsonNode> entities() {
			JsonNode results = this.body.has("d") ? this.body.path("d").path("results") : this.body.path("value");
			if (!results.isArray()) {
				throw new ErpFailure.Malformed("the ERP's answer holds no collection", null);
			}
			List<JsonNode> entities = new ArrayList<>();
			results.forEach(entities::add);
			return entities;
		}

		// The next page, resolved against this request (v4 allows relative links), on our
		// own host whatever host the ERP names.
		URI next() {
			JsonNode next = this.body.has("d") ? this.body.path("d").path("__next") : this.body.path("@odata.nextLink");
			if (!next.isString()) {
				return null;
			}
			try {
				URI resolved = this.url.resolve(new URI(next.asString()));
				return URI.create(this.url.getScheme() + "://" + this.url.getRawAuthority() + resolved.getRawPath()
						+ ((resolved.getRawQuery() != null) ? "?" + resolved.getRawQuery() : ""));
			}
			catch (URISyntaxException ex) {
				throw new ErpFailure.Malformed("the ERP's next link cannot be read: " + next.asString(), ex);
			}
		}

	}

	private record CsrfSession(String token, String cookies) {

	}

	/**
	 * The ERP refused the credentials (401): renewed and sent again once where they can
	 * be renewed.
	 */
	static final class Refused extends RuntimeException {

		private final transient ErpFailure failure;

		Refused(ErpFailure failure) {
			super("refused credentials", null, false, false);
			this.failure = failure;
		}

	}

	/**
	 * The ERP refused a write for want of a valid CSRF token.
	 */
	static final class CsrfRequired extends RuntimeException {

		CsrfRequired() {
			super("CSRF token required", null, false, false);
		}

	}

}
