package org.millgate.consumers.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The integration operations team's own client of Millgate: the lineage of a production
 * order, to see which hop of it is late or failed.
 */
public final class OperationsClient {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final String baseUrl;

	private final Supplier<String> token;

	private final HttpClient http = HttpClient.newHttpClient();

	public OperationsClient(String baseUrl, Supplier<String> token) {
		this.baseUrl = baseUrl;
		this.token = token;
	}

	public Lineage lineage(String orderId) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create(this.baseUrl + "/v1/reconciliation/production-orders/" + orderId + "/lineage"))
			.header("Authorization", "Bearer " + this.token.get())
			.header("Accept", "application/json")
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(response.statusCode() + ": " + response.body());
			}
			return JSON.readValue(response.body(), Lineage.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Lineage(String orderId, String plant, int late, int failed, List<Hop> hops) {

	}

	public record Hop(String hop, String at, String state) {

	}

}
