package org.millgate.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys in PostgreSQL: kept across restarts, rotated, the previous one still published.
 */
class SigningKeysTests {

	private static final Duration ROTATION = Duration.ofDays(30);

	private JdbcClient jdbc;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z"));

	@BeforeEach
	void freshDatabase() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				TestDatabase.freshSchema("millgate_identity_keys_test"), TestDatabase.USER, TestDatabase.PASSWORD);
		Flyway.configure().dataSource(dataSource).load().migrate();
		this.jdbc = JdbcClient.create(dataSource);
	}

	@Test
	void should_make_one_key_and_keep_it_across_restarts() {
		String kid = keys().current().getKeyID();

		assertThat(keys().current().getKeyID()).isEqualTo(kid);
		assertThat(kids(keys().published())).containsExactly(kid);
		assertThat(keys().current().isPrivate()).isTrue();
	}

	@Test
	void should_rotate_and_keep_publishing_the_previous_key_until_the_next_rotation() {
		SigningKeys keys = keys();
		String first = keys.current().getKeyID();

		this.clock.advance(ROTATION.minusSeconds(1));
		assertThat(keys.current().getKeyID()).as("not yet due").isEqualTo(first);

		this.clock.advance(Duration.ofSeconds(1));
		String second = keys.current().getKeyID();
		assertThat(second).isNotEqualTo(first);
		assertThat(kids(keys.published())).containsExactly(second, first);
		assertThat(keys().current().getKeyID()).as("another instance signs with the new key").isEqualTo(second);

		this.clock.advance(ROTATION);
		String third = keys.current().getKeyID();
		assertThat(kids(keys.published())).containsExactly(third, second);
	}

	private SigningKeys keys() {
		return new SigningKeys(this.jdbc, this.clock, ROTATION);
	}

	private static List<String> kids(List<JWK> keys) {
		return keys.stream().map(JWK::getKeyID).toList();
	}

}
