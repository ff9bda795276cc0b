package org.millgate.orders.web;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.millgate.contracts.access.Caller;
import org.millgate.product.web.events.EventStream;

/**
 * The production order events over HTTP (v2), for clients without a Kafka client (long
 * polling): only the events of orders of the plants the caller sees.
 */
@RestController
final class ProductionOrderEventsController {

	private final EventStream events;

	ProductionOrderEventsController(EventStream events) {
		this.events = events;
	}

	@GetMapping("/v2/production-orders/events")
	Mono<Map<String, Object>> read(Caller caller, @RequestParam(required = false) String plant,
			@RequestParam(name = "from", defaultValue = "earliest") String from,
			@RequestParam(defaultValue = "0") int wait, @RequestParam(defaultValue = "50") int limit,
			@RequestParam(required = false) String cursor) {
		return this.events.page(caller, plant, from, wait, limit, cursor, (data) -> true);
	}

}
