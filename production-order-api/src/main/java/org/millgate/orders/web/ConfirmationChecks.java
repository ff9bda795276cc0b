package org.millgate.orders.web;

import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.validation.RequestViolation;
import org.millgate.product.web.RequestCheck;
import org.millgate.web.JsonText;
import org.millgate.web.RequestPaths;

/**
 * What a confirmation needs beyond its contract's shape: an {@code Idempotency-Key}, so
 * that a retry cannot post twice (answered {@code idempotency.keyMissing} before the body
 * is read), and in v2 yield and scrap in one unit.
 */
@Component
final class ConfirmationChecks implements RequestCheck {

	private static final String CREATE_CONFIRMATION = "createConfirmation";

	@Override
	public Optional<Refusal> beforeContract(OperationScopes.Entry operation, ServerHttpRequest request) {
		if (CREATE_CONFIRMATION.equals(operation.operationId())
				&& request.getHeaders().getFirst("Idempotency-Key") == null) {
			return Optional.of(new Refusal("idempotency.keyMissing",
					"Posting a confirmation needs an Idempotency-Key header, so that a retry cannot post twice."));
		}
		return Optional.empty();
	}

	@Override
	public List<RequestViolation> afterContract(OperationScopes.Entry operation, ServerHttpRequest request,
			byte[] body) {
		if (!CREATE_CONFIRMATION.equals(operation.operationId()) || request.getMethod() != HttpMethod.POST
				|| !RequestPaths.decoded(request).startsWith("/v2/")) {
			return List.of();
		}
		// v2 confirmations: yield and scrap travel with their units, which must agree
		JsonNode json = JsonText.read(body);
		String unit = json.path("yield").path("unit").asString();
		if (json.has("scrap") && !unit.equals(json.path("scrap").path("unit").asString())) {
			return List.of(new RequestViolation("/scrap/unit",
					"must be the unit of yield (" + unit + "); send both quantities in one unit"));
		}
		return List.of();
	}

}
