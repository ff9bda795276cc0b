package org.millgate.providers;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;

import org.millgate.testing.platform.Platform;

/**
 * What the provider verifications share: the demo client each consumer calls with, the
 * targets, and the provider states, which name seed data of the ERP simulator (a state
 * that needs more is arranged here over HTTP).
 */
final class ProviderVerification {

	/** The demo client of each consumer. */
	static final Map<String, String> CLIENTS = Map.of("mes", "mes-plant-1000", "wms", "wms-plant-1000", "partner",
			"partner-acme", "operations", "ops-console");

	static final String CONFIRMED_KEY = "mes-line4-20261126-0001";

	private ProviderVerification() {
	}

	static HttpTestTarget target(Platform platform, String service) {
		return new HttpTestTarget("localhost", platform.port(service));
	}

	/**
	 * Replaces the pact's placeholder token with a real one of the consumer's demo
	 * client.
	 * @param platform the platform
	 * @param context the verification
	 * @param request the request about to be sent
	 */
	static void authorize(Platform platform, PactVerificationContext context,
			org.apache.hc.core5.http.HttpRequest request) {
		String consumer = context.getConsumer().getName();
		String client = CLIENTS.get(consumer);
		if (client == null) {
			throw new IllegalStateException("No demo client for consumer " + consumer);
		}
		request.setHeader("Authorization", "Bearer " + platform.token(client));
	}

	/**
	 * Makes sure order 1000043 has a confirmation posted with {@link #CONFIRMED_KEY}.
	 * @param platform the platform
	 */
	static void confirmedWithKey(Platform platform) {
		HttpResponse<String> response = platform.send(HttpRequest
			.newBuilder(
					URI.create(platform.url("production-order-api") + "/v1/production-orders/1000043/confirmations"))
			.header("Authorization", "Bearer " + platform.token("mes-plant-1000"))
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", CONFIRMED_KEY)
			.POST(HttpRequest.BodyPublishers.ofString("{\"operation\":\"0010\",\"yieldQuantity\":5.0,"
					+ "\"scrapQuantity\":0.0,\"unit\":\"H87\",\"finalConfirmation\":false}"))
			.build());
		if (response.statusCode() != 201) {
			throw new IllegalStateException("Could not arrange the confirmation: " + response.body());
		}
	}

}
