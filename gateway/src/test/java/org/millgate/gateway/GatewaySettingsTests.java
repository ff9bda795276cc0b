package org.millgate.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import org.millgate.contracts.access.Caller;
import org.millgate.contracts.access.ClaimMapping;
import org.millgate.gateway.GatewaySettings.ProductSettings;
import org.millgate.policies.throttle.RedisDownMode;
import org.millgate.policies.validation.ResponseValidationMode;
import org.millgate.web.TokenIntrospection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewaySettingsTests {

	@Test
	void should_give_a_product_without_settings_the_defaults_a_listed_one_gets() {
		GatewaySettings settings = bind(Map.of("millgate.gateway.products.shipments.capacity", "32",
				"millgate.gateway.products.inventory.circuit-breaker.minimum-calls", "4"));

		ProductSettings unlisted = settings.product("production-orders");
		ProductSettings listed = settings.product("shipments");
		assertThat(unlisted).isEqualTo(new ProductSettings(RedisDownMode.FAIL_OPEN, 64, 65536, Duration.ofSeconds(15),
				null, ResponseValidationMode.ENFORCE,
				new GatewaySettings.CircuitBreakerSettings(50, 20, 10, Duration.ofSeconds(5)), 100));
		assertThat(listed.capacity()).isEqualTo(32);
		assertThat(listed.circuitBreaker()).isEqualTo(unlisted.circuitBreaker());
		assertThat(listed.maxBodyBytes()).isEqualTo(unlisted.maxBodyBytes());
		assertThat(settings.product("inventory").circuitBreaker().minimumCalls()).isEqualTo(4);
		assertThat(settings.product("inventory").circuitBreaker().window()).isEqualTo(20);
	}

	@Test
	void should_read_the_response_validation_mode_per_version() {
		GatewaySettings settings = bind(Map.of("millgate.gateway.products.shipments.response-validation.v1", "report"));

		assertThat(settings.product("shipments").responseValidation("v1")).isEqualTo(ResponseValidationMode.REPORT);
		assertThat(settings.product("shipments").responseValidation("v2")).isEqualTo(ResponseValidationMode.ENFORCE);
		assertThat(settings.product("inventory").responseValidation("v1")).isEqualTo(ResponseValidationMode.ENFORCE);
	}

	@Test
	void should_count_usage_in_the_throttling_redis_unless_told_otherwise() {
		assertThat(bind(Map.of("millgate.gateway.redis-url", "redis://a")).usageRedis()).isEqualTo("redis://a");
		assertThat(bind(
				Map.of("millgate.gateway.redis-url", "redis://a", "millgate.gateway.usage-redis-url", "redis://b/15"))
			.usageRedis()).isEqualTo("redis://b/15");
		assertThat(bind(Map.of()).algorithms()).containsExactly("RS256");
	}

	@Test
	void should_bind_each_issuers_claim_mapping_and_give_millgates_own_the_standard_one() {
		GatewaySettings settings = bind(Map.of("millgate.gateway.issuers[0].issuer", "http://localhost:9000",
				"millgate.gateway.issuers[1].issuer", "https://login.example.com/tenant/v2.0",
				"millgate.gateway.issuers[1].claims.client-id", "azp,appid",
				"millgate.gateway.issuers[1].claims.scopes", "roles",
				"millgate.gateway.issuers[1].claims.scope-values.[Inventory.Read]", "inventory:read",
				"millgate.gateway.issuers[1].claims.plants", "groups",
				"millgate.gateway.issuers[1].claims.plant-pattern", "millgate-plant-(\\d{4})",
				"millgate.gateway.issuers[1].claims.plan", ""));

		assertThat(settings.issuers().get(0).claims()).isSameAs(ClaimMapping.STANDARD);
		Caller caller = settings.issuers()
			.get(1)
			.claims()
			.caller(Map.of("appid", "wms", "roles", List.of("Inventory.Read"), "groups", List.of("millgate-plant-1000"),
					"plan", "gold"), "plant-standard");
		assertThat(caller.clientId()).isEqualTo("wms");
		assertThat(caller.scopes()).containsExactly("inventory:read");
		assertThat(caller.plants()).containsExactly("1000");
		assertThat(caller.plan()).as("no plan claim configured").isEqualTo("plant-standard");
	}

	@Test
	void should_bind_an_issuers_token_introspection_with_its_defaults_and_refuse_one_without_a_secret() {
		GatewaySettings settings = bind(Map.of("millgate.gateway.issuers[0].issuer", "http://localhost:9000",
				"millgate.gateway.issuers[1].issuer", "https://sso.example.com/realms/plants",
				"millgate.gateway.issuers[1].introspection.uri",
				"https://sso.example.com/realms/plants/protocol/openid-connect/token/introspect",
				"millgate.gateway.issuers[1].introspection.client-id", "millgate-gateway",
				"millgate.gateway.issuers[1].introspection.client-secret", "from-a-secret"));

		assertThat(settings.issuers().get(0).introspection()).isNull();
		TokenIntrospection.Settings introspection = settings.issuers().get(1).introspection();
		assertThat(introspection.cacheFor()).isEqualTo(Duration.ofSeconds(30));
		assertThat(introspection.clientSecret()).isEqualTo("from-a-secret");
		assertThat(introspection.toString()).as("logged at start").doesNotContain("from-a-secret");

		assertThatThrownBy(() -> bind(Map.of("millgate.gateway.issuers[0].issuer", "https://sso.example.com",
				"millgate.gateway.issuers[0].introspection.uri", "https://sso.example.com/introspect",
				"millgate.gateway.issuers[0].introspection.client-id", "millgate-gateway")))
			.hasRootCauseMessage("Token introspection at https://sso.example.com/introspect needs its client-id and "
					+ "client-secret; client-secret is missing");
		GatewaySettings off = bind(Map.of("millgate.gateway.issuers[0].issuer", "http://localhost:9000",
				"millgate.gateway.issuers[0].introspection.uri", "",
				"millgate.gateway.issuers[0].introspection.client-secret", "set-for-another-issuer"));
		assertThat(off.issuers().get(0).introspection()).as("no uri: off").isNull();
	}

	private static GatewaySettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("millgate.gateway",
				GatewaySettings.class);
	}

}
