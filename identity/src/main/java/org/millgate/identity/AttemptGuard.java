package org.millgate.identity;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands in front of every request that checks a password ({@code POST /login}) or a
 * client secret ({@code POST /oauth2/token} and the other endpoints where clients
 * authenticate), before the password or secret is looked at: an address whose bucket is
 * empty, or a user name or client id locked out for the address, is answered 429 with
 * {@code Retry-After}, whether the password is right or not. The failures that lock out
 * are counted by {@link AttemptOutcomes}.
 */
final class AttemptGuard extends OncePerRequestFilter {

	static final String SIGN_IN = "/login";

	private static final int LONGEST_NAME = 128;

	private final Set<String> clientEndpoints;

	private final AddressBuckets buckets;

	private final FailureLockouts lockouts;

	AttemptGuard(AuthorizationServerSettings endpoints, AddressBuckets buckets, FailureLockouts lockouts) {
		this.clientEndpoints = Set.of(endpoints.getTokenEndpoint(), endpoints.getTokenIntrospectionEndpoint(),
				endpoints.getTokenRevocationEndpoint(), endpoints.getDeviceAuthorizationEndpoint(),
				endpoints.getPushedAuthorizationRequestEndpoint());
		this.buckets = buckets;
		this.lockouts = lockouts;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = path(request);
		return !"POST".equals(request.getMethod()) || !(SIGN_IN.equals(path) || this.clientEndpoints.contains(path));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String address = request.getRemoteAddr();
		Optional<Duration> emptyBucket = this.buckets.take(address);
		if (emptyBucket.isPresent()) {
			TooManyAttempts.answer(request, response, emptyBucket.get(),
					"Too many sign-in and token requests from this address");
			return;
		}
		String name = nameOf(request);
		Optional<Duration> locked = this.lockouts.lockedOut(name, address);
		if (locked.isPresent()) {
			TooManyAttempts.answer(request, response, locked.get(), name.startsWith("user:")
					? "Too many failed sign-ins for this user name" : "Too many failed attempts for this client id");
			return;
		}
		chain.doFilter(request, response);
	}

	/**
	 * Whom a request tries to authenticate as: {@code user:NAME} at the login form,
	 * {@code client:ID} elsewhere (from HTTP Basic or the {@code client_id} parameter),
	 * lower case, with nothing after the kind when the request names none.
	 * @param request the request
	 * @return the name, with its kind
	 */
	static String nameOf(HttpServletRequest request) {
		if (SIGN_IN.equals(path(request))) {
			return "user:" + normalized(request.getParameter("username"));
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
				int colon = credentials.indexOf(':');
				String id = (colon >= 0) ? credentials.substring(0, colon) : credentials;
				return "client:" + normalized(URLDecoder.decode(id, StandardCharsets.UTF_8));
			}
			catch (IllegalArgumentException ex) {
				return "client:";
			}
		}
		return "client:" + normalized(request.getParameter("client_id"));
	}

	private static String normalized(String name) {
		if (name == null) {
			return "";
		}
		String trimmed = name.trim().toLowerCase(Locale.ROOT);
		return (trimmed.length() > LONGEST_NAME) ? trimmed.substring(0, LONGEST_NAME) : trimmed;
	}

	// the decoded path, as the container maps it (no path parameters, no encoding)
	static String path(HttpServletRequest request) {
		return request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
	}

}
