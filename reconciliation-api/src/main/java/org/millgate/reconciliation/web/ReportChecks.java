package org.millgate.reconciliation.web;

import java.util.Optional;
import java.util.Set;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.product.web.RequestCheck;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * What a report needs beyond its contract's shape: an {@code Idempotency-Key}, so that a
 * retry cannot record it twice (answered {@code idempotency.keyMissing} before the body
 * is read).
 */
@Component
final class ReportChecks implements RequestCheck {

	private static final Set<String> REPORTS = Set.of("reportStockCount", "reportShipmentStatus");

	@Override
	public Optional<Refusal> beforeContract(OperationScopes.Entry operation, ServerHttpRequest request) {
		if (REPORTS.contains(operation.operationId()) && request.getHeaders().getFirst("Idempotency-Key") == null) {
			return Optional.of(new Refusal("idempotency.keyMissing",
					"Reporting needs an Idempotency-Key header, so that a retry cannot record the report twice."));
		}
		return Optional.empty();
	}

}
