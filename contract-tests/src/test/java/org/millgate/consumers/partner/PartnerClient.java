package org.millgate.consumers.partner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.function.Supplier;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A partner's (a customer's or carrier's) own client: where is my shipment?
 */
public final class PartnerClient {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final String baseUrl;

	private final Supplier<String> token;

	private final HttpClient http = HttpClient.newHttpClient();

	public PartnerClient(String baseUrl, Supplier<String> token) {
		this.baseUrl = baseUrl;
		this.token = token;
	}

	/**
	 * The status of a shipment, or empty when it is not the partner's (or does not
	 * exist).
	 * @param shipmentId the shipment
	 * @return its status
	 */
	public Optional<ShipmentStatus> status(String shipmentId) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/shipments/" + shipmentId))
			.header("Authorization", "Bearer " + this.token.get())
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 404) {
				return Optional.empty();
			}
			if (response.statusCode() != 200) {
				throw new IllegalStateException(response.statusCode() + ": " + response.body());
			}
			return Optional.of(JSON.readValue(response.body(), ShipmentStatus.class));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record ShipmentStatus(String shipmentId, String shipTo, String status, String plannedDeliveryDate) {

	}

}
