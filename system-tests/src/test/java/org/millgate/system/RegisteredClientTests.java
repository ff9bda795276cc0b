package org.millgate.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.millgate.testing.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client registered dynamically (as the portal will) calls through the gateway with the
 * partner reach and plan it was registered with.
 */
class RegisteredClientTests {

	@Test
	void aDynamicallyRegisteredPartnerClientCallsThroughTheGateway() {
		Platform platform = Platform.get();
		// an initial access token carries client.create alone
		String initial = platform.token("developer-portal-registrar", "client.create");
		HttpResponse<String> registered = platform
			.send(HttpRequest.newBuilder(URI.create(platform.url("identity") + "/oauth2/register"))
				.header("Authorization", "Bearer " + initial)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"client_name\":\"BETA tracker\","
						+ "\"grant_types\":[\"client_credentials\"],\"scope\":\"shipments:read\","
						+ "\"plan\":\"partner-basic\",\"partner_id\":\"BETA\"}"))
				.build());
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		String clientId = field(registered.body(), "client_id");
		String secret = field(registered.body(), "client_secret");
		String token = platform.token(clientId, secret, null);

		HttpResponse<String> own = get(platform, "/v1/shipments/80000002", token);
		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		assertThat(own.headers().firstValue("RateLimit-Policy"))
			.contains("\"burst\";q=10;w=2, \"daily\";q=10000;w=86400");
		assertThat(get(platform, "/v1/shipments/80000001", token).statusCode()).isEqualTo(404);
		assertThat(get(platform, "/v1/production-orders?plant=1000", token).statusCode()).isEqualTo(403);
	}

	private static HttpResponse<String> get(Platform platform, String path, String token) {
		return platform.send(HttpRequest.newBuilder(URI.create(platform.gateway() + path))
			.header("Authorization", "Bearer " + token)
			.build());
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
		assertThat(matcher.find()).as(name + " in " + json).isTrue();
		return matcher.group(1);
	}

}
