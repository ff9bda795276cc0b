package org.millgate.consumers.mes;

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
 * The shop-floor MES's own client of Millgate, written as the MES team would: only the
 * calls and fields the MES uses. It knows nothing of Millgate's code.
 */
public final class MesClient {

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final String baseUrl;

	private final Supplier<String> token;

	private final HttpClient http = HttpClient.newHttpClient();

	public MesClient(String baseUrl, Supplier<String> token) {
		this.baseUrl = baseUrl;
		this.token = token;
	}

	/**
	 * The released orders of a plant: what the line may start.
	 * @param plant the plant
	 * @return the orders
	 */
	public List<OrderSummary> releasedOrders(String plant) {
		return read(send(get("/v1/production-orders?plant=" + plant + "&status=RELEASED")), OrderPage.class).items();
	}

	public Order order(String orderId) {
		return read(send(get("/v1/production-orders/" + orderId)), Order.class);
	}

	/**
	 * Reports yield and scrap of an operation; a retry with the same key is answered from
	 * the first call.
	 * @param orderId the order
	 * @param idempotencyKey the key, the same for every retry of this report
	 * @param report what to report
	 * @return the confirmation and whether it was a replay
	 */
	public Confirmed confirm(String orderId, String idempotencyKey, ConfirmationReport report) {
		HttpRequest request = authorized("/v1/production-orders/" + orderId + "/confirmations")
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(report)))
			.build();
		HttpResponse<String> response = send(request);
		return new Confirmed(read(response, Confirmation.class),
				response.headers().firstValue("Idempotency-Replayed").map(Boolean::parseBoolean).orElse(false));
	}

	/**
	 * What is available of a list of components, e.g. before a line starts an order.
	 * @param plant the plant
	 * @param materials the components
	 * @return the availability of each
	 */
	public List<ComponentAvailability> availability(String plant, List<String> materials) {
		String body = JSON.writeValueAsString(
				new AvailabilityQuery(plant, materials.stream().map(AvailabilityQuery.Item::new).toList()));
		HttpRequest request = authorized("/v1/inventory/availability/queries")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return read(send(request), AvailabilityAnswer.class).results();
	}

	public List<Unit> units() {
		return read(send(get("/v1/units-of-measure")), Units.class).items();
	}

	public BillOfMaterials billOfMaterials(String material, String plant, String validOn) {
		return read(
				send(get("/v1/materials/" + material + "/bill-of-materials?plant=" + plant + "&validOn=" + validOn)),
				BillOfMaterials.class);
	}

	private HttpRequest get(String path) {
		return authorized(path).GET().build();
	}

	private HttpRequest.Builder authorized(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Authorization", "Bearer " + this.token.get())
			.header("Accept", "application/json");
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new MillgateError(response.statusCode(), response.body());
			}
			return response;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static <T> T read(HttpResponse<String> response, Class<T> type) {
		return JSON.readValue(response.body(), type);
	}

	public record OrderPage(List<OrderSummary> items) {

	}

	public record OrderSummary(String orderId, String plant, String material, String status, double plannedQuantity,
			String unit) {

	}

	public record Order(String orderId, String plant, String material, String status, Quantities quantities,
			Routing routing, List<Component> components) {

	}

	public record Routing(List<Operation> operations) {

	}

	public record Quantities(double planned, double confirmedYield, String unit) {

	}

	public record Operation(String operation, String workCenter, String description) {

	}

	public record Component(String material, double requiredQuantity, String unit) {

	}

	public record ConfirmationReport(String operation, double yieldQuantity, double scrapQuantity, String unit,
			boolean finalConfirmation) {

	}

	public record Confirmation(String confirmationId, String orderId, String operation, double yieldQuantity,
			String unit) {

	}

	public record Confirmed(Confirmation confirmation, boolean replayed) {

	}

	public record Units(List<Unit> items) {

	}

	public record Unit(String unit, int decimals) {

	}

	public record BillOfMaterials(String material, String plant, Amount baseQuantity, List<BomItem> items) {

	}

	public record BomItem(String component, Amount quantity, String category) {

	}

	public record Amount(double value, String unit) {

	}

	public record AvailabilityQuery(String plant, List<Item> items) {

		public record Item(String material) {

		}

	}

	public record AvailabilityAnswer(String plant, List<ComponentAvailability> results) {

	}

	public record ComponentAvailability(String material, String outcome, Availability availability) {

	}

	public record Availability(String unit, Stock quantities) {

	}

	public record Stock(double onHand, double available, double qualityHold) {

	}

	/**
	 * Millgate refused a call.
	 */
	public static final class MillgateError extends RuntimeException {

		private final int status;

		MillgateError(int status, String body) {
			super(status + ": " + body);
			this.status = status;
		}

		public int status() {
			return this.status;
		}

	}

}
