package org.millgate.shipments.web;

import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.millgate.contracts.access.Caller;
import org.millgate.product.web.events.EventStream;
import org.millgate.shipments.ShipmentSettings;

/**
 * The shipment events over HTTP, for clients without a Kafka client (long polling): only
 * the events of shipments within the caller's reach, as the shipments themselves are:
 * their plant among the token's plants and, for a partner, their ship-to party one of the
 * partner's.
 */
@RestController
@RequestMapping("/v1/shipments/events")
final class ShipmentEventsController {

	private final EventStream events;

	private final ShipmentSettings settings;

	ShipmentEventsController(EventStream events, ShipmentSettings settings) {
		this.events = events;
		this.settings = settings;
	}

	@GetMapping
	Mono<Map<String, Object>> read(Caller caller, @RequestParam(required = false) String plant,
			@RequestParam(name = "from", defaultValue = "earliest") String from,
			@RequestParam(defaultValue = "0") int wait, @RequestParam(defaultValue = "50") int limit,
			@RequestParam(required = false) String cursor) {
		// a partner: its own ship-to parties only
		Set<String> shipTos = (caller.partnerId() != null) ? this.settings.shipTosOf(caller.partnerId()) : null;
		return this.events.page(caller, plant, from, wait, limit, cursor,
				(data) -> shipTos == null || shipTos.contains(data.path("shipTo").asString("")));
	}

}
