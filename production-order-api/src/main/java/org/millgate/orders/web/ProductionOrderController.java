package org.millgate.orders.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.paging.Cursors;
import org.millgate.erp.model.ProductionOrder;
import org.millgate.orders.application.OrderQueries;
import org.millgate.orders.application.OrderStatus;
import org.millgate.orders.application.ReleaseOrder;

/**
 * Production orders: list, read, release; v1 and v2 from the same queries, each in its
 * contract's shapes.
 */
@RestController
@RequestMapping("/{version:v1|v2}/production-orders")
final class ProductionOrderController {

	private final OrderQueries queries;

	private final ReleaseOrder release;

	private final Representations representations;

	private final Cursors cursors;

	ProductionOrderController(OrderQueries queries, ReleaseOrder release, Representations representations,
			Cursors cursors) {
		this.queries = queries;
		this.release = release;
		this.representations = representations;
		this.cursors = cursors;
	}

	@GetMapping
	Mono<Map<String, Object>> list(Caller caller, @PathVariable String version,
			@RequestParam(required = false) String plant, @RequestParam(required = false) OrderStatus status,
			@RequestParam(required = false) OffsetDateTime changedSince, @RequestParam(defaultValue = "50") int limit,
			@RequestParam(required = false) String cursor) {
		String query = "plant=" + ((plant != null) ? plant : "") + "&status=" + ((status != null) ? status : "")
				+ "&changedSince=" + ((changedSince != null) ? changedSince.toInstant() : "") + "&limit=" + limit;
		OrderQueries.Position after = (cursor != null) ? position(query, cursor) : null;
		return this.queries
			.orders(caller, plant, status, (changedSince != null) ? changedSince.toInstant() : null, after, limit)
			.map((page) -> Representations.page(
					page.orders()
						.stream()
						.map((order) -> "v2".equals(version) ? this.representations.summaryV2(order)
								: this.representations.summary(order))
						.toList(),
					(page.next() != null)
							? this.cursors.issue(query, List.of(page.next().lastChanged().toString(), page.next().id()))
							: null));
	}

	@GetMapping("/{orderId}")
	Mono<ResponseEntity<Map<String, Object>>> read(Caller caller, @PathVariable String version,
			@PathVariable String orderId) {
		return this.queries.order(caller, orderId)
			.map((detail) -> ResponseEntity.ok()
				.eTag(etag(detail))
				.body("v2".equals(version) ? this.representations.detailV2(detail)
						: this.representations.detail(detail)));
	}

	// The order's last change, and its material's description, which the material master
	// keeps apart from the order.
	private static String etag(OrderQueries.OrderDetail detail) {
		ProductionOrder order = detail.order();
		return "\"" + order.id() + "-" + ((order.lastChanged() != null) ? order.lastChanged().getEpochSecond() : 0)
				+ "-" + Integer.toHexString(Objects.hashCode(detail.materialDescription())) + "\"";
	}

	@PostMapping("/{orderId}/release")
	Mono<Map<String, Object>> release(Caller caller, @PathVariable String orderId) {
		return this.release.release(caller, orderId)
			.map((releasedAt) -> Map.of("orderId", orderId, "status", "RELEASED", "releasedAt",
					releasedAt.atOffset(ZoneOffset.UTC)));
	}

	private OrderQueries.Position position(String query, String cursor) {
		List<String> position = this.cursors.position(query, cursor, 2);
		return new OrderQueries.Position(Instant.parse(position.get(0)), position.get(1));
	}

}
