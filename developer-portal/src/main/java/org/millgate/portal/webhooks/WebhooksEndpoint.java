package org.millgate.portal.webhooks;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * The operators' view of partner webhooks ({@code /actuator/webhooks}, from this machine
 * only): every webhook with its deliveries per state, and a replay from a time or from an
 * event ({@code ./millgate events webhooks} and
 * {@code ./millgate events replay-webhook}).
 */
@Endpoint(id = "webhooks")
public class WebhooksEndpoint {

	private final WebhookStore store;

	private final Webhooks webhooks;

	WebhooksEndpoint(WebhookStore store, Webhooks webhooks) {
		this.store = store;
		this.webhooks = webhooks;
	}

	@ReadOperation
	public Map<String, Object> webhooks() {
		List<Map<String, Object>> list = this.store.activeWebhooks().stream().map((webhook) -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("id", webhook.id());
			row.put("partner", webhook.partnerId());
			row.put("url", webhook.url());
			row.put("eventTypes", webhook.eventTypes());
			row.put("deliveries", this.store.counts(webhook.id()));
			return row;
		}).toList();
		return Map.of("webhooks", list);
	}

	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> replay(@Selector String id, @Nullable String from,
			@Nullable String event) {
		if ((from == null) == (event == null)) {
			return new WebEndpointResponse<>(Map.of("error", "give either from (an instant) or event (a ce_id)"), 400);
		}
		Instant start = null;
		if (from != null) {
			try {
				start = Instant.parse(from);
			}
			catch (DateTimeParseException ex) {
				return new WebEndpointResponse<>(Map.of("error", "from is no instant: give e.g. 2026-12-05T08:00:00Z"),
						400);
			}
		}
		try {
			int queued = this.webhooks.replayAsOperator("operator", id, start, event);
			return new WebEndpointResponse<>(Map.of("webhook", id, "queued", queued), 200);
		}
		catch (Webhooks.NotFound notFound) {
			return new WebEndpointResponse<>(Map.of("error", notFound.getMessage()), 404);
		}
	}

}
