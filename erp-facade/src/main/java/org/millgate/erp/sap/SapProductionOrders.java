package org.millgate.erp.sap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.millgate.erp.model.ProductionOrder;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.OrderQuery;
import org.millgate.erp.port.Page;
import org.millgate.erp.port.ProductionOrders;
import org.millgate.erp.resilience.ErpCalls;

/**
 * Production orders from {@code API_PRODUCTION_ORDER_2_SRV}.
 */
final class SapProductionOrders implements ProductionOrders {

	private static final String SET = "A_ProductionOrder_2";

	private final SapHttp http;

	private final ErpCalls calls;

	private final SapRelease release;

	private final OrderMapping mapping;

	SapProductionOrders(SapHttp http, ErpCalls calls, SapRelease release, OrderMapping mapping) {
		this.http = http;
		this.calls = calls;
		this.release = release;
		this.mapping = mapping;
	}

	@Override
	public Mono<ProductionOrder> order(String id, boolean withDetails) {
		Map<String, String> query = withDetails
				? Map.of("$expand", "to_ProductionOrderOperation,to_ProductionOrderComponent") : Map.of();
		return this.calls
			.read("production-order.read",
					() -> this.http.get(SapRelease.ORDERS, SET + "(" + ODataFilter.literal(id) + ")", query))
			.map((answer) -> this.mapping.order(answer.entity(), etag(answer)));
	}

	@Override
	public Mono<Page<ProductionOrder>> orders(OrderQuery query) {
		List<ODataFilter> conditions = new ArrayList<>();
		conditions.add(ODataFilter.in("ProductionPlant", query.plants().stream().sorted().toList()));
		if (query.changedSince() != null) {
			conditions.add(ODataFilter.ge("LastChangeDateTime", SapValues.stamp(query.changedSince())));
		}
		if (query.afterChange() != null && query.afterId() != null) {
			String stamp = SapValues.stamp(query.afterChange());
			conditions.add(ODataFilter.gt("LastChangeDateTime", stamp)
				.or(ODataFilter.eq("LastChangeDateTime", stamp)
					.and(ODataFilter.gt("ManufacturingOrder", query.afterId()))));
		}
		Map<String, String> options = new LinkedHashMap<>();
		options.put("$filter", ODataFilter.all(conditions).toString());
		options.put("$orderby", "LastChangeDateTime,ManufacturingOrder");
		options.put("$top", Integer.toString(query.limit() + 1));
		return this.calls.read("production-order.list", () -> this.http.getAll(SapRelease.ORDERS, SET, options))
			.map((entities) -> {
				List<ProductionOrder> orders = new ArrayList<>();
				for (JsonNode entity : entities.subList(0, Math.min(query.limit(), entities.size()))) {
					orders.add(this.mapping.order(entity, entity.path("__metadata").path("etag").asString(null)));
				}
				return new Page<>(orders, entities.size() > query.limit());
			});
	}

	@Override
	public Mono<Void> release(String id) {
		return this.calls
			.write("production-order.release", () -> this.http.post(SapRelease.ORDERS, this.release.releaseAction,
					Map.of("ManufacturingOrder", ODataFilter.literal(id)), null))
			.flatMap((answer) -> {
				JsonNode message = answer.entity().path(this.release.releaseAction);
				String type = message.path("SystemMessageType").asString("");
				if (type.equals("E") || type.equals("A")) {
					String text = message.path("SystemMessageLongText").asString("");
					String code = message.path("SystemMessageIdentification").asString("")
							+ (message.has("SystemMessageNumber")
									? "/" + message.path("SystemMessageNumber").asString("") : "");
					return Mono.error(new ErpFailure.Rejected("the ERP refused the release: " + text,
							code.isEmpty() ? null : code, text.isBlank() ? null : text));
				}
				return Mono.<Void>empty();
			});
	}

	private static String etag(SapHttp.Answer answer) {
		String header = answer.headers().getETag();
		return (header != null) ? header : answer.entity().path("__metadata").path("etag").asString(null);
	}

}
