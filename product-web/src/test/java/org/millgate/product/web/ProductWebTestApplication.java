package org.millgate.product.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.problems.Rejection;
import org.millgate.contracts.validation.RequestViolation;
import org.millgate.erp.port.ErpFailure;

/**
 * The smallest product there is: the inventory contract with a controller that tells what
 * it received, and a request check of its own; everything else is the starter's.
 */
@SpringBootApplication
class ProductWebTestApplication {

	@Bean
	RequestCheck testCheck() {
		return new RequestCheck() {

			@Override
			public Optional<Refusal> beforeContract(OperationScopes.Entry operation, ServerHttpRequest request) {
				return (request.getHeaders().containsHeader("X-Test-Refuse"))
						? Optional.of(new Refusal("idempotency.keyMissing", "Refused before the contract."))
						: Optional.empty();
			}

			@Override
			public List<RequestViolation> afterContract(OperationScopes.Entry operation, ServerHttpRequest request,
					byte[] body) {
				return "BAD-1".equals(request.getQueryParams().getFirst("material"))
						? List.of(new RequestViolation("/query/material", "is refused by the product")) : List.of();
			}

		};
	}

	@RestController
	static class EchoController {

		@GetMapping("/v1/inventory/availability")
		Mono<Map<String, Object>> availability(Caller caller, @RequestParam String material) {
			return switch (material) {
				case "ERP-DOWN" ->
					Mono.error(new ErpFailure.Unavailable("stock read refused", Duration.ofSeconds(7), null));
				case "ERP-SLOW" -> Mono.error(new ErpFailure.Timeout("no answer", null));
				case "ERP-REFUSED" ->
					Mono.error(new ErpFailure.Rejected("the ERP answered 400 RU/150 at host sap-internal", "RU/150",
							"Enter a yield or scrap quantity greater than zero"));
				case "ERP-LOCKED" ->
					Mono.error(new ErpFailure.Conflict("the ERP answered 400 RU/101 at host sap-internal", "RU/101",
							"Order 1000123 is not released for confirmation"));
				case "ERP-LIMIT" -> Mono.error(new ErpFailure.LimitExceeded("ConfirmationRequest.text",
						"ConfirmationText", "The note has 41 characters; the ERP keeps at most 40"));
				case "REJECTED" -> Mono.error(new Rejection("material.notFound", "There is no material REJECTED."));
				case "BROKEN" -> Mono.error(new IllegalStateException("internal detail that must not leak"));
				default -> Mono.just(Map.of("clientId", caller.clientId(), "plants", caller.plants(), "limitedByPlants",
						caller.limitedByPlants()));
			};
		}

	}

}
