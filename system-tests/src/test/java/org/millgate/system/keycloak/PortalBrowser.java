package org.millgate.system.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser session at the developer portal, signed in at Keycloak as a browser
 * does it: the portal sends it to Keycloak's login page (authorization code with PKCE),
 * the person's user name and password go into Keycloak's own form, Keycloak sends the
 * browser back with a code, and the portal redeems it. Cookies and redirects as a browser
 * keeps and follows them; no stand-in for either side.
 */
final class PortalBrowser {

	// the login form's target on Keycloak's page (the keycloak.v2 theme)
	private static final Pattern LOGIN_ACTION = Pattern.compile("action=\"([^\"]*/login-actions/authenticate[^\"]*)\"");

	private final String portal;

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new LoopbackCookies())
		.followRedirects(HttpClient.Redirect.NORMAL)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private PortalBrowser(String portal) {
		this.portal = portal;
	}

	/**
	 * Signs a person in.
	 * @param portal the portal's address
	 * @param keycloak the Keycloak the portal signs people in at
	 * @param username one of {@link LocalKeycloak#PORTAL_PEOPLE}
	 * @return the signed-in session
	 * @throws IllegalStateException when a step answers otherwise than a sign-in does
	 */
	static PortalBrowser signIn(String portal, LocalKeycloak keycloak, String username) {
		PortalBrowser browser = new PortalBrowser(portal);
		HttpResponse<String> loginPage = browser
			.send(HttpRequest.newBuilder(URI.create(portal + "/oauth2/authorization/millgate")).GET().build());
		Matcher action = LOGIN_ACTION.matcher(loginPage.body());
		if (loginPage.statusCode() != 200 || !loginPage.uri().toString().startsWith(keycloak.issuer())
				|| !action.find()) {
			throw new IllegalStateException("No Keycloak login page for " + username + ": " + loginPage.statusCode()
					+ " at " + loginPage.uri() + "\n" + loginPage.body());
		}
		String form = Map.of("username", username, "password", keycloak.password(username), "credentialId", "")
			.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		HttpResponse<String> back = browser
			.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build());
		if (back.statusCode() != 200 || !back.uri().toString().startsWith(portal)) {
			throw new IllegalStateException("Signing " + username + " in did not end at the portal: "
					+ back.statusCode() + " at " + back.uri() + "\n" + back.body());
		}
		return browser;
	}

	/**
	 * A page of the portal in this session.
	 * @param path e.g. {@code /apps}
	 * @return the answer, after redirects
	 */
	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(URI.create(this.portal + path)).GET().build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Cookies as a browser keeps them for loopback addresses, which it treats as a secure
	 * context: Keycloak marks its login cookies {@code Secure} (with
	 * {@code SameSite=None}), and a browser sends them back to {@code http://127.0.0.1}
	 * where Java's cookie manager would not.
	 */
	private static final class LoopbackCookies extends CookieManager {

		LoopbackCookies() {
			super(null, CookiePolicy.ACCEPT_ALL);
		}

		@Override
		public void put(URI uri, Map<String, List<String>> headers) throws IOException {
			if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
				super.put(uri, headers);
				return;
			}
			Map<String, List<String>> kept = new HashMap<>(headers);
			headers.forEach((name, values) -> {
				if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
					kept.put(name, values.stream().map((cookie) -> cookie.replaceAll("(?i);\\s*Secure", "")).toList());
				}
			});
			super.put(uri, kept);
		}

	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
