package org.millgate.inventory.web;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.millgate.contracts.access.Caller;
import org.millgate.product.web.events.EventStream;

/**
 * The inventory events (goods movements) over HTTP, for clients without a Kafka client
 * (long polling): only the movements in the plants the caller sees.
 */
@RestController
final class InventoryEventsController {

	private final EventStream events;

	InventoryEventsController(EventStream events) {
		this.events = events;
	}

	@GetMapping("/v1/inventory/events")
	Mono<Map<String, Object>> read(Caller caller, @RequestParam(required = false) String plant,
			@RequestParam(name = "from", defaultValue = "earliest") String from,
			@RequestParam(defaultValue = "0") int wait, @RequestParam(defaultValue = "50") int limit,
			@RequestParam(required = false) String cursor) {
		return this.events.page(caller, plant, from, wait, limit, cursor, (data) -> true);
	}

}
