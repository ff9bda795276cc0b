package org.millgate.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Managing the clients a registrar (the developer portal) registered, in the spirit of
 * RFC 7592 but authorized by the registrar's own token (scope {@code client.manage})
 * rather than one registration access token per client:
 * <ul>
 * <li>{@code PUT /oauth2/clients/{id}} with {@code scope}, {@code plan} and optionally
 * {@code plants}: new scopes, plan and plants for the client's next tokens;</li>
 * <li>{@code POST /oauth2/clients/{id}/secret}: a new secret, shown this once; the old
 * one stops working and the gateway refuses tokens it got;</li>
 * <li>{@code DELETE /oauth2/clients/{id}}: the client is revoked; the gateway refuses its
 * tokens.</li>
 * </ul>
 * Configured clients cannot be changed here. {@code GET /oauth2/revocations} (public, no
 * secrets in it) tells gateways which unexpired tokens to refuse.
 */
@RestController
class ClientManagement {

	private static final Logger LOG = LoggerFactory.getLogger(ClientManagement.class);

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Pattern PLANT = Pattern.compile("[A-Z0-9]{4}");

	private final ClientDirectory clients;

	private final IdentitySettings settings;

	private final Clock clock;

	private final TransactionTemplate transactions;

	ClientManagement(ClientDirectory clients, IdentitySettings settings, PlatformTransactionManager transactions) {
		this.clients = clients;
		this.settings = settings;
		this.clock = Clock.systemUTC();
		this.transactions = new TransactionTemplate(transactions);
	}

	@PutMapping("/oauth2/clients/{clientId}")
	ResponseEntity<Map<String, Object>> update(@PathVariable String clientId, @RequestBody Map<String, Object> body) {
		Object scope = body.get("scope");
		Object plan = body.get("plan");
		if (!(scope instanceof String text) || text.isBlank()) {
			return refused("scope must name at least one scope, separated by spaces");
		}
		List<String> scopes = Arrays.asList(text.trim().split("\\s+"));
		for (String name : scopes) {
			if (!this.settings.registration().scopes().contains(name)) {
				return refused(
						"scope '" + name + "' cannot be registered; allowed: " + this.settings.registration().scopes());
			}
		}
		if (!(plan instanceof String name) || !this.settings.registration().plans().contains(name)) {
			return refused("plan must be one of " + this.settings.registration().plans());
		}
		List<String> plants = new ArrayList<>();
		Object listed = body.get("plants");
		if (listed != null) {
			if (!(listed instanceof List<?> values)) {
				return refused("plants must be a list of four-character plant codes");
			}
			for (Object value : values) {
				if (!(value instanceof String plant) || !PLANT.matcher(plant).matches()) {
					return refused("plants must be a list of four-character plant codes");
				}
				plants.add(plant);
			}
		}
		if (!this.clients.update(clientId, scopes, name, plants)) {
			return unknown();
		}
		LOG.info("Registered client {} now has scopes {} on plan {}, plants {}", clientId, scopes, name, plants);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("client_id", clientId);
		answer.put("scope", String.join(" ", scopes));
		answer.put("plan", name);
		answer.put("plants", plants);
		return ResponseEntity.ok(answer);
	}

	@PostMapping("/oauth2/clients/{clientId}/secret")
	ResponseEntity<Map<String, Object>> rotate(@PathVariable String clientId) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		return this.clients.rotate(clientId, secret).map((generation) -> {
			LOG.info("Registered client {} has a new secret (credential generation {})", clientId, generation);
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("client_id", clientId);
			answer.put("client_secret", secret);
			answer.put("credential_generation", generation);
			return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(answer);
		}).orElseGet(ClientManagement::unknown);
	}

	@DeleteMapping("/oauth2/clients/{clientId}")
	ResponseEntity<Map<String, Object>> revoke(@PathVariable String clientId) {
		// deleted and listed as revoked together, or neither
		if (!Boolean.TRUE.equals(this.transactions.execute((status) -> this.clients.revoke(clientId)))) {
			return unknown();
		}
		LOG.info("Registered client {} revoked", clientId);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/oauth2/revocations")
	ResponseEntity<ClientDirectory.Revocations> revocations() {
		// a token lives at most its time to live (plus the gateways' clock skew)
		ClientDirectory.Revocations revocations = this.clients
			.revocations(this.clock.instant().minus(this.settings.tokenTimeToLive()).minusSeconds(300));
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(revocations);
	}

	private static ResponseEntity<Map<String, Object>> refused(String why) {
		return ResponseEntity.badRequest().body(Map.of("error", "invalid_client_metadata", "error_description", why));
	}

	private static ResponseEntity<Map<String, Object>> unknown() {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Map.of("error", "invalid_client", "error_description",
					"No registered client with this id (configured clients are changed in the configuration)"));
	}

}
