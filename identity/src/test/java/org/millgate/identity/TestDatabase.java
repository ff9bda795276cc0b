package org.millgate.identity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL on loopback that {@code ./millgate test} makes sure of
 * ({@code MILLGATE_DB_URL}, database {@code test} by default), with a schema of its own
 * per test class, emptied before the class runs.
 */
final class TestDatabase {

	static final String URL = env("MILLGATE_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	static final String USER = env("MILLGATE_DB_USER", "postgres");

	static final String PASSWORD = env("MILLGATE_DB_PASSWORD", "");

	private TestDatabase() {
	}

	/**
	 * A fresh, empty schema.
	 * @param schema its name
	 * @return the JDBC URL that works in it
	 */
	static String freshSchema(String schema) {
		try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			statement.execute("CREATE SCHEMA " + schema);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL at " + URL + " is not reachable; ./millgate test starts it",
					ex);
		}
		return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
