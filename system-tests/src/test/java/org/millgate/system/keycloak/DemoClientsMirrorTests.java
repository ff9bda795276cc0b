package org.millgate.system.keycloak;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Keycloak realm's clients ({@link LocalKeycloak#DEMO_CLIENTS}) are identity's demo
 * clients: a client changed in identity's demo configuration and not here would let the
 * interoperability tests compare Keycloak's tokens with other tokens than identity's.
 * Needs no Keycloak.
 */
class DemoClientsMirrorTests {

	@Test
	@SuppressWarnings("unchecked")
	void theRealmsClientsAreIdentitysDemoClientsWithTheirScopesPlantsPartnerAndPlan() throws IOException {
		Map<String, Object> demo;
		try (Reader reader = Files.newBufferedReader(demoConfiguration())) {
			demo = new Yaml().load(reader);
		}
		List<Map<String, Object>> clients = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) demo
			.get("millgate")).get("identity")).get("clients");
		for (LocalKeycloak.DemoClient mirrored : LocalKeycloak.DEMO_CLIENTS) {
			Map<String, Object> client = clients.stream()
				.filter((candidate) -> mirrored.id().equals(candidate.get("id")))
				.findFirst()
				.orElseThrow(() -> new AssertionError(mirrored.id() + " is no demo client of identity's"));
			assertThat(mirrored.scopes()).as(mirrored.id()).isEqualTo(client.get("scopes"));
			assertThat(mirrored.plants()).as(mirrored.id()).isEqualTo(client.getOrDefault("plants", List.of()));
			assertThat(mirrored.partnerId()).as(mirrored.id()).isEqualTo(client.get("partner-id"));
			assertThat(mirrored.plan()).as(mirrored.id()).isEqualTo(client.get("plan"));
		}
		// every demo client of the APIs (client credentials, no redirect, no registrar
		// scopes) is mirrored
		List<Object> apiClients = clients.stream()
			.filter((client) -> !client.containsKey("redirect-uris"))
			.filter((client) -> ((List<String>) client.get("scopes")).stream()
				.noneMatch((scope) -> scope.startsWith("client.")))
			.map((client) -> client.get("id"))
			.toList();
		assertThat(LocalKeycloak.DEMO_CLIENTS.stream().map(LocalKeycloak.DemoClient::id).toList())
			.containsExactlyElementsOf(apiClients.stream().map(String.class::cast).toList());
	}

	private static Path demoConfiguration() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path file = dir.resolve("identity/src/main/resources/application-demo.yaml");
			if (Files.exists(file)) {
				return file;
			}
		}
		throw new IllegalStateException(
				"No identity/src/main/resources/application-demo.yaml above " + Path.of("").toAbsolutePath());
	}

}
