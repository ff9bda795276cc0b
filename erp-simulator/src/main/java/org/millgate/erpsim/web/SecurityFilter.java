package org.millgate.erpsim.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import org.millgate.erpsim.faults.CallStatistics;

/**
 * Guards every OData request as an SAP system does: the logon its mode demands (basic
 * authentication, a bearer token, or a client certificate whose subject is the user), a
 * session cookie, and the CSRF handshake (fetch a token with {@code X-CSRF-Token: Fetch}
 * on a read, send it with the cookie on every write; otherwise 403 with
 * {@code X-CSRF-Token: Required}).
 */
public final class SecurityFilter implements WebFilter, Ordered {

	/** Request attribute holding the authenticated user. */
	public static final String USER = "erp.user";

	private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

	private final List<byte[]> credentials;

	private final String sessionCookie;

	private final CsrfTokens tokens;

	private final CallStatistics statistics;

	private final Function<String, Optional<String>> serviceOfPath;

	private final BearerTokens bearerTokens;

	private final AuthMode mode;

	/**
	 * The filter.
	 * @param mode the logon demanded
	 * @param users each user's password
	 * @param sapClient the SAP client the system answers for
	 * @param tokens the CSRF tokens
	 * @param statistics the call statistics
	 * @param serviceOfPath the service a path belongs to, if any
	 * @param bearerTokens the OAuth 2.0 tokens it issued
	 */
	public SecurityFilter(AuthMode mode, Map<String, String> users, String sapClient, CsrfTokens tokens,
			CallStatistics statistics, Function<String, Optional<String>> serviceOfPath, BearerTokens bearerTokens) {
		this.mode = mode;
		this.bearerTokens = bearerTokens;
		this.credentials = users.entrySet()
			.stream()
			.map((user) -> ("Basic " + Base64.getEncoder()
				.encodeToString((user.getKey() + ":" + user.getValue()).getBytes(StandardCharsets.UTF_8)))
				.getBytes(StandardCharsets.UTF_8))
			.toList();
		this.sessionCookie = "SAP_SESSIONID_SIM_" + sapClient;
		this.tokens = tokens;
		this.statistics = statistics;
		this.serviceOfPath = serviceOfPath;
	}

	@Override
	public int getOrder() {
		return -50;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		Optional<String> service = this.serviceOfPath.apply(request.getURI().getRawPath());
		if (service.isEmpty()) {
			return chain.filter(exchange);
		}
		String user = logon(request);
		if (user == null) {
			exchange.getResponse()
				.getHeaders()
				.set("WWW-Authenticate", (this.mode == AuthMode.OAUTH2) ? "Bearer realm=\"SAP NetWeaver [SIM]\""
						: "Basic realm=\"SAP NetWeaver Application Server [SIM]\"");
			return plain(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "Logon failed");
		}
		exchange.getAttributes().put(USER, user);
		this.statistics.noteUser(service.get(), user);
		HttpCookie cookie = request.getCookies().getFirst(this.sessionCookie);
		String session = (cookie != null) ? cookie.getValue() : null;
		String token = request.getHeaders().getFirst("X-CSRF-Token");
		boolean read = READS.contains(request.getMethod()) && request.getHeaders().getFirst("X-HTTP-Method") == null;
		if (read) {
			if ("Fetch".equalsIgnoreCase(token)) {
				if (session == null) {
					session = this.tokens.newSession();
					exchange.getResponse()
						.addCookie(ResponseCookie.from(this.sessionCookie, session).path("/").httpOnly(true).build());
				}
				exchange.getResponse().getHeaders().set("X-CSRF-Token", this.tokens.fetch(session));
				this.statistics.count(service.get(), "csrfFetch");
			}
			return chain.filter(exchange);
		}
		if (!this.tokens.valid(session, token)) {
			exchange.getResponse().getHeaders().set("X-CSRF-Token", "Required");
			return plain(exchange.getResponse(), HttpStatus.FORBIDDEN, "CSRF token validation failed");
		}
		return chain.filter(exchange);
	}

	// the user the request logs on as, or null when the mode's logon fails
	private String logon(ServerHttpRequest request) {
		if (this.mode == AuthMode.MTLS) {
			return ClientCertificates.user(request.getSslInfo());
		}
		String authorization = request.getHeaders().getFirst("Authorization");
		if (authorization == null) {
			return null;
		}
		if (authorization.startsWith("Bearer ")) {
			return this.bearerTokens.valid(authorization.substring("Bearer ".length())) ? "OAUTH2CLIENT" : null;
		}
		return (this.mode == AuthMode.BASIC && known(authorization)) ? user(authorization) : null;
	}

	private boolean known(String authorization) {
		byte[] given = authorization.getBytes(StandardCharsets.UTF_8);
		boolean known = false;
		for (byte[] credentials : this.credentials) {
			// every one compared, in constant time each
			known |= MessageDigest.isEqual(credentials, given);
		}
		return known;
	}

	private static String user(String authorization) {
		String decoded = new String(Base64.getDecoder().decode(authorization.substring("Basic ".length())),
				StandardCharsets.UTF_8);
		return decoded.substring(0, decoded.indexOf(':'));
	}

	private static Mono<Void> plain(ServerHttpResponse response, HttpStatus status, String text) {
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.TEXT_PLAIN);
		return response.writeWith(Mono.just(response.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8))));
	}

}
