package org.millgate.identity;

import java.time.Duration;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configured clients in PostgreSQL: added, updated, and removed when the configuration
 * drops them.
 */
class ClientDirectoryTests {

	private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

	private ClientDirectory clients;

	@BeforeEach
	void freshDatabase() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				TestDatabase.freshSchema("millgate_identity_clients_test"), TestDatabase.USER, TestDatabase.PASSWORD);
		Flyway.configure().dataSource(dataSource).load().migrate();
		this.clients = new ClientDirectory(JdbcClient.create(dataSource), this.encoder, Duration.ofMinutes(15));
	}

	@Test
	void should_update_a_known_client_and_remove_one_no_longer_configured() {
		this.clients.register(
				List.of(client("mes-plant-1000", "one", List.of("1000")), client("demo-only", "two", List.of("2000"))));

		List<String> removed = this.clients
			.register(List.of(client("mes-plant-1000", "changed", List.of("1000", "2000"))));

		assertThat(removed).containsExactly("demo-only");
		assertThat(this.clients.findByClientId("demo-only")).isNull();
		assertThat(this.encoder.matches("changed", this.clients.findByClientId("mes-plant-1000").getClientSecret()))
			.isTrue();
		assertThat(this.clients.attributesOf("mes-plant-1000").orElseThrow().plants()).containsExactly("1000", "2000");
	}

	@Test
	void should_keep_secrets_only_as_hashes() {
		this.clients.register(List.of(client("wms-plant-1000", "wms-plant-1000-secret", List.of("1000"))));

		assertThat(this.clients.findByClientId("wms-plant-1000").getClientSecret()).startsWith("{bcrypt}")
			.doesNotContain("wms-plant-1000-secret");
	}

	private static IdentitySettings.Client client(String id, String secret, List<String> plants) {
		return new IdentitySettings.Client(id, secret, List.of("inventory:read"), plants, null, "plant-standard",
				List.of());
	}

}
