package org.millgate.benchmarks;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The ERP as the benches reach it: SAP's OData protocol with the platform's ERP user (the
 * simulator's demo user unless {@code MILLGATE_ERP_AUTH_USER} and
 * {@code MILLGATE_ERP_AUTH_PASSWORD} say otherwise), a CSRF token fetched before every
 * write, the session's cookies kept.
 */
public final class ErpClient {

	private final String baseUrl;

	private final String authorization = "Basic " + Base64.getEncoder()
		.encodeToString(
				(env("MILLGATE_ERP_AUTH_USER", "millgate") + ":" + env("MILLGATE_ERP_AUTH_PASSWORD", "millgate"))
					.getBytes(StandardCharsets.UTF_8));

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * A client.
	 * @param baseUrl the ERP's base URL
	 */
	public ErpClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * The {@code Authorization} header value of the ERP user.
	 * @return it
	 */
	public String authorization() {
		return this.authorization;
	}

	/**
	 * A read.
	 * @param path the path below the base URL, with its query
	 * @return the answer
	 * @throws IOException when the ERP cannot be reached
	 * @throws InterruptedException when interrupted
	 */
	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", this.authorization)
			.header("Accept", "application/json")
			.build());
	}

	/**
	 * A write to an entity set of a service, with a CSRF token fetched first.
	 * @param service the service's path, e.g.
	 * {@code /sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV}
	 * @param resource the entity set, e.g. {@code A_MaterialDocumentHeader}
	 * @param json the entity
	 * @return the answer
	 * @throws IOException when the ERP cannot be reached
	 * @throws InterruptedException when interrupted
	 */
	public HttpResponse<String> post(String service, String resource, String json)
			throws IOException, InterruptedException {
		HttpResponse<String> csrf = send(HttpRequest.newBuilder(URI.create(this.baseUrl + service + "/"))
			.header("X-CSRF-Token", "Fetch")
			.header("Authorization", this.authorization)
			.GET()
			.build());
		String token = csrf.headers().firstValue("x-csrf-token").orElse("");
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + service + "/" + resource))
			.header("X-CSRF-Token", token)
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	/**
	 * Sends any request with this client (its cookies).
	 * @param request the request
	 * @return the answer
	 * @throws IOException when the server cannot be reached
	 * @throws InterruptedException when interrupted
	 */
	public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * An environment variable, or a fallback when it is unset or blank.
	 * @param name the variable
	 * @param fallback the fallback
	 * @return the value
	 */
	public static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
