package org.millgate.product.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import org.millgate.web.NettyKeepAlive;

/**
 * The settings every product service shares, written once: the lowest-precedence property
 * source, so that a product's {@code application.yaml}, the environment and the command
 * line still override each. Also applies the Reactor Netty keep-alive setting before the
 * server starts. Only for an application that names its product
 * ({@code millgate.product.id}).
 */
final class ProductDefaults implements EnvironmentPostProcessor {

	static final String NAME = "millgateProductDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		// only a product: another application on the same class path (the ERP simulator a
		// product's tests start in-process) keeps its own settings
		if (!environment.containsProperty("millgate.product.id")) {
			return;
		}
		NettyKeepAlive.apply();
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("millgate.product.issuer", "${MILLGATE_ISSUER:http://localhost:9000}");
		defaults.put("millgate.product.jwk-set-uri", "${MILLGATE_JWK_SET_URI:http://localhost:9000/oauth2/jwks}");
		defaults.put("millgate.product.revocations-uri",
				"${MILLGATE_REVOCATIONS_URI:http://localhost:9000/oauth2/revocations}");
		// the gateway's settings of the same names: off without a uri
		defaults.put("millgate.product.introspection.uri", "${MILLGATE_INTROSPECTION_URI:}");
		defaults.put("millgate.product.introspection.client-id", "${MILLGATE_INTROSPECTION_CLIENT_ID:}");
		defaults.put("millgate.product.introspection.client-secret", "${MILLGATE_INTROSPECTION_CLIENT_SECRET:}");
		defaults.put("millgate.product.introspection.cache-for", "${MILLGATE_INTROSPECTION_CACHE_FOR:30s}");
		defaults.put("millgate.product.management-clients", "${MILLGATE_MANAGEMENT_CLIENTS:}");
		defaults.put("millgate.product.cursor-secret", "${MILLGATE_CURSOR_SECRET:}");
		defaults.put("millgate.erp.base-url", "${MILLGATE_ERP_BASEURL:http://localhost:8089}");
		defaults.put("millgate.erp.release", "${MILLGATE_ERP_RELEASE:2022}");
		// the gateway is the only door: a product listens on loopback unless told
		// otherwise
		// (a container platform sets MILLGATE_PRODUCT_ADDRESS=0.0.0.0 behind its network
		// policy)
		defaults.put("server.address", "${MILLGATE_PRODUCT_ADDRESS:127.0.0.1}");
		defaults.put("spring.main.banner-mode", "off");
		// the platform's Kafka (event-broker's embedded one unless
		// MILLGATE_KAFKA_BOOTSTRAP
		// names a cluster); the relay's producer waits for every replica and never
		// duplicates a record on its own retries, and gives up a delivery within seconds
		// so that the outbox keeps what Kafka does not take
		defaults.put("spring.kafka.bootstrap-servers",
				"${MILLGATE_KAFKA_BOOTSTRAP:127.0.0.1:${MILLGATE_KAFKA_PORT:9092}}");
		defaults.put("spring.kafka.producer.acks", "all");
		defaults.put("spring.kafka.producer.properties.enable.idempotence", "true");
		defaults.put("spring.kafka.producer.properties.max.block.ms", "5000");
		defaults.put("spring.kafka.producer.properties.request.timeout.ms", "5000");
		defaults.put("spring.kafka.producer.properties.delivery.timeout.ms", "10000");
		// the relay sends one event after the other: no waiting for a batch to fill
		defaults.put("spring.kafka.producer.properties.linger.ms", "0");
		defaults.put("spring.kafka.admin.operation-timeout", "5s");
		defaults.put("spring.kafka.admin.properties.default.api.timeout.ms", "5000");
		defaults.put("spring.kafka.admin.properties.request.timeout.ms", "5000");
		defaults.put("spring.kafka.admin.close-timeout", "2s");
		// the Swagger UI shows the contracts themselves, not a generated description
		defaults.put("springdoc.api-docs.enabled", "false");
		defaults.put("springdoc.swagger-ui.enabled", "false");
		defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,outbox");
		// the contract validator says on every request that it leaves OAuth2 to others
		defaults.put("logging.level.com.atlassian.oai.validator.interaction.request.SecurityValidator", "warn");
		defaults.put("logging.structured.format.console", "ecs");
		environment.getPropertySources().addLast(new MapPropertySource(NAME, defaults));
	}

}
