package org.millgate.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration comes from the ConfigMap millgate-config and the Secret millgate-secrets,
 * and no secret value is in a committed file: the Secret is generated from files git
 * ignores (or created out of band), and a variable that names a secret never carries a
 * literal value.
 */
class ConfigurationTests {

	/**
	 * Names of variables that carry a secret (a Redis URL may hold its password; a token,
	 * not a token URI).
	 */
	private static final Pattern SECRET_NAME = Pattern
		.compile(".*(PASSWORD|SECRET|CREDENTIAL|PRIVATE|JAAS|REDIS_URL).*|(.*_)?TOKEN(_(?!URI$|URL$).*)?");

	private static final Set<String> PRODUCT = Set.of("MILLGATE_ISSUER", "MILLGATE_JWK_SET_URI", "MILLGATE_ERP_BASEURL",
			"MILLGATE_ERP_AUTH_USER", "MILLGATE_ERP_AUTH_PASSWORD", "MILLGATE_PRODUCT_ADDRESS",
			"MILLGATE_KAFKA_BOOTSTRAP", "MILLGATE_CURSOR_SECRET");

	/**
	 * What each service must be given in a cluster, where the defaults of its
	 * application.yaml (localhost, loopback-only listeners) do not hold.
	 */
	private static final Map<String, Set<String>> NEEDED = Map.ofEntries(
			Map.entry("gateway",
					Set.of("MILLGATE_ISSUER", "MILLGATE_JWK_SET_URI", "MILLGATE_PRODUCTION_ORDERS_URL",
							"MILLGATE_INVENTORY_URL", "MILLGATE_SHIPMENTS_URL", "MILLGATE_RECONCILIATION_URL",
							"MILLGATE_MASTER_DATA_URL", "MILLGATE_PORTAL_ORIGIN")),
			Map.entry("production-order-api", PRODUCT), Map.entry("inventory-api", PRODUCT),
			Map.entry("shipment-api", PRODUCT), Map.entry("reconciliation-api", PRODUCT),
			Map.entry("master-data-api", PRODUCT),
			Map.entry("change-feed",
					Set.of("MILLGATE_ERP_BASEURL", "MILLGATE_ERP_AUTH_USER", "MILLGATE_ERP_AUTH_PASSWORD",
							"MILLGATE_KAFKA_BOOTSTRAP", "MILLGATE_CHANGE_FEED_ADDRESS")),
			Map.entry("developer-portal",
					Set.of("MILLGATE_ISSUER", "MILLGATE_GATEWAY_URL", "MILLGATE_KAFKA_BOOTSTRAP")),
			Map.entry("identity", Set.of("MILLGATE_ISSUER", "MILLGATE_DATA_DIR")),
			Map.entry("event-broker", Set.of("MILLGATE_BROKER_ADDRESS", "MILLGATE_DATA_DIR")),
			Map.entry("erp-simulator", Set.of()));

	/** What the demo needs beyond that: identity's list of revoked clients. */
	private static final Map<String, Set<String>> NEEDED_IN_DEMO = Map.of("gateway", Set.of("MILLGATE_REVOCATIONS_URI"),
			"production-order-api", Set.of("MILLGATE_REVOCATIONS_URI"), "inventory-api",
			Set.of("MILLGATE_REVOCATIONS_URI"), "shipment-api", Set.of("MILLGATE_REVOCATIONS_URI"),
			"reconciliation-api", Set.of("MILLGATE_REVOCATIONS_URI"), "master-data-api",
			Set.of("MILLGATE_REVOCATIONS_URI"));

	/**
	 * What production needs beyond that: shared state for several replicas (Redis), the
	 * database, the portal's clients at the enterprise's IdP.
	 */
	private static final Map<String, Set<String>> NEEDED_IN_PRODUCTION = Map.of("gateway", Set.of("MILLGATE_REDIS_URL"),
			"production-order-api", Set.of("MILLGATE_REDIS_URL", "MILLGATE_IDEMPOTENCY_SHARED"), "inventory-api",
			Set.of("MILLGATE_REDIS_URL"), "shipment-api", Set.of("MILLGATE_REDIS_URL"), "master-data-api",
			Set.of("MILLGATE_REDIS_URL"), "reconciliation-api",
			Set.of("MILLGATE_DB_URL", "MILLGATE_DB_USER", "MILLGATE_DB_PASSWORD"), "developer-portal",
			Set.of("MILLGATE_REDIS_URL", "MILLGATE_DB_URL", "MILLGATE_DB_USER", "MILLGATE_DB_PASSWORD",
					"MILLGATE_PORTAL_CLIENT_SECRET", "MILLGATE_PORTAL_REGISTRAR_SECRET"));

	@Test
	void should_commit_no_secret_and_generate_secrets_only_from_files_git_ignores() throws Exception {
		// given
		Path sources = RenderedOverlays.sources();
		List<String> problems = new ArrayList<>();

		// when
		try (Stream<Path> files = Files.walk(sources)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".yaml")).toList()) {
				String relative = sources.relativize(file).toString();
				for (JsonNode document : yamlDocuments(file)) {
					if ("Secret".equals(document.path("kind").asString(""))) {
						problems.add(relative + ": a Secret object in a committed file");
					}
					for (JsonNode generator : document.path("secretGenerator")) {
						if (generator.has("literals")) {
							problems.add(relative + ": secretGenerator " + generator.path("name") + " has literals");
						}
						for (String source : List.of("envs", "files")) {
							for (JsonNode entry : generator.path(source)) {
								Path values = file.getParent().resolve(entry.asString().replaceFirst("^[^=]*=", ""));
								if (!gitIgnores(values)) {
									problems.add(relative + ": secretGenerator reads " + entry.asString()
											+ ", which git does not ignore");
								}
							}
						}
					}
				}
			}
		}

		// then
		assertThat(problems).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_render_every_secret_value_from_the_ignored_values_files(Overlay overlay) {
		// given
		Rendered rendered = RenderedOverlays.of(overlay);

		// when / then: the tests wrote a placeholder for each key of the .env.example
		// files;
		// any other value came from a committed file
		List<String> problems = new ArrayList<>();
		for (JsonNode secret : rendered.documents()) {
			if (!"v1/Secret".equals(KubernetesApi.typeOf(secret))) {
				continue;
			}
			Map<String, String> values = new HashMap<>();
			secret.path("stringData")
				.properties()
				.forEach((entry) -> values.put(entry.getKey(), entry.getValue().asString()));
			secret.path("data")
				.properties()
				.forEach((entry) -> values.put(entry.getKey(), new String(
						Base64.getMimeDecoder().decode(entry.getValue().asString()), StandardCharsets.UTF_8)));
			values.forEach((key, value) -> {
				if (!value.equals(RenderedOverlays.PLACEHOLDER + key)) {
					problems
						.add(secret.path("metadata").path("name").asString() + "." + key + " has a committed value");
				}
			});
		}
		assertThat(rendered.all(Secret.class)).as("the Secret millgate-secrets").isNotEmpty();
		assertThat(problems).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_take_every_environment_variable_from_the_config_map_or_the_secret(Overlay overlay) {
		// given
		Rendered rendered = RenderedOverlays.of(overlay);

		// when / then
		List<String> problems = new ArrayList<>();
		for (Deployment deployment : rendered.deployments()) {
			Container container = Rendered.container(deployment);
			String name = deployment.getMetadata().getName();
			if (!container.getEnvFrom().isEmpty()) {
				problems.add(name + ": envFrom hands every key to every service; name each variable");
			}
			for (EnvVar env : container.getEnv()) {
				String what = name + " " + env.getName();
				ConfigMapKeySelector config = (env.getValueFrom() != null) ? env.getValueFrom().getConfigMapKeyRef()
						: null;
				SecretKeySelector secret = (env.getValueFrom() != null) ? env.getValueFrom().getSecretKeyRef() : null;
				if (env.getValue() != null || (config == null && secret == null)) {
					problems.add(what + ": a literal value, not from the ConfigMap or the Secret");
				}
				else if (SECRET_NAME.matcher(env.getName()).matches() && secret == null) {
					problems.add(what + ": names a secret but comes from a ConfigMap");
				}
				else if (config != null && !Boolean.TRUE.equals(config.getOptional())
						&& !rendered.find(ConfigMap.class, config.getName())
							.map((map) -> map.getData().containsKey(config.getKey()))
							.orElse(false)) {
					problems.add(what + ": ConfigMap " + config.getName() + " has no key " + config.getKey());
				}
				else if (secret != null && !Boolean.TRUE.equals(secret.getOptional())
						&& !rendered.find(Secret.class, secret.getName())
							.map((s) -> s.getData().containsKey(secret.getKey()))
							.orElse(false)) {
					problems.add(what + ": Secret " + secret.getName() + " has no key " + secret.getKey());
				}
			}
		}
		for (ConfigMap map : rendered.all(ConfigMap.class)) {
			map.getData()
				.keySet()
				.stream()
				.filter((key) -> SECRET_NAME.matcher(key).matches())
				.forEach((key) -> problems.add("ConfigMap " + map.getMetadata().getName() + " holds " + key));
		}
		assertThat(problems).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_give_every_service_the_settings_it_needs_in_a_cluster(Overlay overlay) {
		// given
		Rendered rendered = RenderedOverlays.of(overlay);

		// when / then
		List<String> problems = new ArrayList<>();
		for (Deployment deployment : rendered.deployments()) {
			String name = deployment.getMetadata().getName();
			Container container = Rendered.container(deployment);
			List<String> needed = new ArrayList<>(
					NEEDED.getOrDefault(name, Set.of("(a service the tests do not know)")));
			needed.addAll(((overlay == Overlay.PRODUCTION) ? NEEDED_IN_PRODUCTION : NEEDED_IN_DEMO).getOrDefault(name,
					Set.of()));
			for (String variable : needed) {
				if (!isSet(rendered, container, variable)) {
					problems.add(name + ": " + variable + " is not set from the ConfigMap or the Secret");
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	/**
	 * The value a container's variable gets from the rendered ConfigMap.
	 * @param rendered the overlay
	 * @param container the container
	 * @param variable the variable's name
	 * @return its value, empty when it is not taken from a ConfigMap key that exists
	 */
	static Optional<String> configValue(Rendered rendered, Container container, String variable) {
		return DeploymentRulesTests.env(container, variable)
			.map(EnvVar::getValueFrom)
			.map((from) -> from.getConfigMapKeyRef())
			.flatMap((ref) -> rendered.find(ConfigMap.class, ref.getName())
				.map((map) -> map.getData().get(ref.getKey())));
	}

	private static boolean isSet(Rendered rendered, Container container, String variable) {
		Optional<EnvVar> env = DeploymentRulesTests.env(container, variable);
		if (env.isEmpty() || env.get().getValueFrom() == null) {
			return false;
		}
		SecretKeySelector secret = env.get().getValueFrom().getSecretKeyRef();
		if (secret != null) {
			return rendered.find(Secret.class, secret.getName())
				.map((s) -> s.getData().containsKey(secret.getKey()))
				.orElse(false);
		}
		return configValue(rendered, container, variable).filter((value) -> !value.isBlank()).isPresent();
	}

	private static List<JsonNode> yamlDocuments(Path file) throws IOException {
		List<JsonNode> documents = new ArrayList<>();
		try (MappingIterator<JsonNode> iterator = YAMLMapper.builder()
			.build()
			.readerFor(JsonNode.class)
			.readValues(file.toFile())) {
			while (iterator.hasNext()) {
				JsonNode document = iterator.next();
				if (document != null) {
					documents.add(document);
				}
			}
		}
		return documents;
	}

	private static boolean gitIgnores(Path file) throws IOException, InterruptedException {
		Process git = new ProcessBuilder("git", "check-ignore", "--quiet", "--no-index", file.toString())
			.directory(RenderedOverlays.sources().toFile())
			.redirectErrorStream(true)
			.start();
		git.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
		if (!git.waitFor(30, TimeUnit.SECONDS)) {
			git.destroyForcibly();
			throw new IllegalStateException("git check-ignore did not answer");
		}
		return git.exitValue() == 0;
	}

}
