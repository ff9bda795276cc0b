package org.millgate.consumers.wms;

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
 * The warehouse management system's own client of Millgate: stock by storage location,
 * the shipments it has to load, and the status it holds for a shipment, reported for
 * reconciliation.
 */
public final class WmsClient {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final String baseUrl;

	private final Supplier<String> token;

	private final HttpClient http = HttpClient.newHttpClient();

	public WmsClient(String baseUrl, Supplier<String> token) {
		this.baseUrl = baseUrl;
		this.token = token;
	}

	public Stock stockByLocation(String material, String plant) {
		return get(
				"/v1/inventory/availability?material=" + material + "&plant=" + plant + "&breakdown=STORAGE_LOCATION",
				Stock.class);
	}

	public List<ShipmentLine> shipments(String status) {
		return get("/v1/shipments?status=" + status, ShipmentPage.class).items();
	}

	public Shipment shipment(String shipmentId) {
		return get("/v1/shipments/" + shipmentId, Shipment.class);
	}

	public List<Unit> units() {
		return get("/v1/units-of-measure", Units.class).items();
	}

	public Material material(String material) {
		return get("/v1/materials/" + material, Material.class);
	}

	public List<StorageLocation> storageLocations(String plant) {
		return get("/v1/plants/" + plant + "/storage-locations", StorageLocations.class).items();
	}

	public ShipmentReceipt reportShipment(String shipmentId, String status, String reportedAt, String key) {
		String body = "{\"shipmentId\":\"" + shipmentId + "\",\"status\":\"" + status
				+ "\",\"system\":\"WMS\",\"reporter\":\"WMS-1000\",\"reportedAt\":\"" + reportedAt + "\"}";
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/reconciliation/shipment-reports"))
			.header("Authorization", "Bearer " + this.token.get())
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", key)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 201) {
				throw new IllegalStateException(response.statusCode() + ": " + response.body());
			}
			return JSON.readValue(response.body(), ShipmentReceipt.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private <T> T get(String path, Class<T> type) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Authorization", "Bearer " + this.token.get())
			.header("Accept", "application/json")
			.GET()
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(response.statusCode() + ": " + response.body());
			}
			return JSON.readValue(response.body(), type);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Units(List<Unit> items) {

	}

	public record Unit(String unit, String dimension, int decimals) {

	}

	public record Material(String material, String baseUnit, boolean batchManaged, List<MaterialPlant> plants) {

	}

	public record MaterialPlant(String plant, boolean batchManaged, List<String> storageLocations) {

	}

	public record StorageLocations(String plant, List<StorageLocation> items) {

	}

	public record StorageLocation(String storageLocation, String name) {

	}

	public record Stock(String material, String plant, String unit, Buckets quantities, List<Location> breakdown) {

	}

	public record Location(String storageLocation, Buckets quantities) {

	}

	public record Buckets(double onHand, double allocated, double qualityHold, double blocked, double inTransit,
			double productionConsumable, double available) {

	}

	public record ShipmentPage(List<ShipmentLine> items) {

	}

	public record ShipmentLine(String shipmentId, String status, String plannedGoodsIssueDate) {

	}

	public record Shipment(String shipmentId, String status, Checks checks, boolean readyForShipment) {

	}

	public record ShipmentReceipt(String reportId, String shipmentId, String plant, String status) {

	}

	public record Checks(String picking, String packing, boolean qualityReleased, boolean blocked) {

	}

}
