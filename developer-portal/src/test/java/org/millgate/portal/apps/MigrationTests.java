package org.millgate.portal.apps;

import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration that keeps plants per subscription changes no token: each approved
 * subscription keeps the plants its app's tokens carried (H2, as the embedded default).
 */
class MigrationTests {

	@Test
	void should_give_each_approved_subscription_the_plants_its_app_carried() {
		// given the tables as version 2 left them
		DriverManagerDataSource database = new DriverManagerDataSource(
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure().dataSource(database).target("2").load().migrate();
		JdbcClient jdbc = JdbcClient.create(database);
		jdbc.sql("INSERT INTO portal_app (id, partner_id, name, created_by, created_at, plants) "
				+ "VALUES ('a1', 'ACME', 'Feed', 'acme-dev', CURRENT_TIMESTAMP, '1000 2000')")
			.update();
		jdbc.sql("INSERT INTO portal_subscription (id, app_id, product, plan, state, requested_by, requested_at) "
				+ "VALUES ('s1', 'a1', 'production-orders', 'plant-standard', 'APPROVED', 'acme-dev', "
				+ "CURRENT_TIMESTAMP), ('s2', 'a1', 'inventory', 'plant-standard', 'PENDING', 'acme-dev', "
				+ "CURRENT_TIMESTAMP)")
			.update();

		// when it is migrated
		Flyway.configure().dataSource(database).load().migrate();

		// then
		assertThat(jdbc.sql("SELECT plants FROM portal_subscription WHERE id = 's1'").query(String.class).single())
			.isEqualTo("1000 2000");
		assertThat(jdbc.sql("SELECT plants FROM portal_subscription WHERE id = 's2'").query(String.class).single())
			.isEmpty();
		assertThat(jdbc.sql("SELECT scopes FROM portal_subscription WHERE id = 's1'").query(String.class).optional())
			.as("every scope of its product, as approved before")
			.isEmpty();
		AppStore store = new AppStore(jdbc, (product) -> List.of(product + ":read", product + ":write"));
		assertThat(store.subscription("s1").orElseThrow().scopes()).containsExactly("production-orders:read",
				"production-orders:write");
	}

}
