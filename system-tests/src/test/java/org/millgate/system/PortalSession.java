package org.millgate.system;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person signed in to the developer portal at the real identity (its login form, over
 * HTTP, as a browser would): its cookies, and each page's CSRF token for the next form.
 */
public final class PortalSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private final String portal;

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
		.followRedirects(HttpClient.Redirect.NORMAL)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private String csrf;

	private PortalSession(String portal) {
		this.portal = portal;
	}

	// at identity's login form, as a browser: identity sends the person back signed
	// in
	public static PortalSession signIn(String portal, String user) throws Exception {
		PortalSession session = new PortalSession(portal);
		HttpResponse<String> login = session
			.send(HttpRequest.newBuilder(URI.create(session.portal + "/oauth2/authorization/millgate")));
		assertThat(login.uri().getPath()).as(login.body()).isEqualTo("/login");
		HttpResponse<String> signedIn = session.send(HttpRequest.newBuilder(login.uri())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers
				.ofString(form("username", user, "password", user + "-password", "_csrf", csrf(login)))));
		assertThat(signedIn.uri().toString()).as(signedIn.body()).startsWith(portal);
		assertThat(signedIn.body()).contains("Signed in as <strong>" + user + "</strong>");
		return session;
	}

	public HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(this.portal + path)));
	}

	public HttpResponse<String> post(String path, String... fields) throws Exception {
		if (this.csrf == null) {
			get("/");
		}
		String[] all = new String[fields.length + 2];
		System.arraycopy(fields, 0, all, 0, fields.length);
		all[fields.length] = "_csrf";
		all[fields.length + 1] = this.csrf;
		return send(HttpRequest.newBuilder(URI.create(this.portal + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(all))));
	}

	public String createApp(String name) throws Exception {
		get("/apps");
		HttpResponse<String> created = post("/apps", "name", name);
		assertThat(created.uri().getPath()).as(created.body()).startsWith("/apps/");
		return created.uri().getPath().substring("/apps/".length());
	}

	// the pending subscription of the app named, from the approval queue
	public String subscriptionId(String app, String product) throws Exception {
		String queue = get("/owner/approvals").body();
		Matcher matcher = Pattern
			.compile("href=\"/owner/subscriptions/([0-9a-f-]{36})\"[^>]*aria-label=\"Review " + Pattern.quote(app)
					+ " for " + Pattern.quote(product) + "\"")
			.matcher(queue);
		assertThat(matcher.find()).as(queue).isTrue();
		return matcher.group(1);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		HttpResponse<String> response = this.http.send(request.header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher token = CSRF.matcher(response.body());
		if (token.find() && response.uri().toString().startsWith(this.portal)) {
			this.csrf = token.group(1);
		}
		return response;
	}

	private static String csrf(HttpResponse<String> page) {
		Matcher token = CSRF.matcher(page.body());
		assertThat(token.find()).as(page.body()).isTrue();
		return token.group(1);
	}

	private static String form(String... fields) {
		List<String> pairs = new ArrayList<>();
		for (int i = 0; i < fields.length; i += 2) {
			pairs.add(URLEncoder.encode(fields[i], StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
		}
		return pairs.stream().collect(Collectors.joining("&"));
	}

}
