package org.millgate.broker;

import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the embedded broker listens and what it tells its clients: this machine only by
 * default, other hosts (a pod of its own) by configuration, its controller on loopback
 * always.
 */
class EmbeddedBrokerPropertiesTests {

	@Test
	void should_listen_on_loopback_only_by_default() {
		Properties properties = EmbeddedBroker.properties(new BrokerSettings("", 9092, 9093, Path.of("kafka")));

		assertThat(properties.getProperty("listeners"))
			.isEqualTo("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
		assertThat(properties.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:9092");
	}

	@Test
	void should_serve_other_hosts_under_the_advertised_name_when_configured_with_the_controller_kept_on_loopback() {
		BrokerSettings pod = new BrokerSettings("", 9092, 9093, Path.of("kafka"), "0.0.0.0", "event-broker");

		Properties properties = EmbeddedBroker.properties(pod);

		assertThat(properties.getProperty("listeners"))
			.isEqualTo("PLAINTEXT://0.0.0.0:9092,CONTROLLER://127.0.0.1:9093");
		assertThat(properties.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://event-broker:9092");
		assertThat(pod.bootstrap()).isEqualTo("event-broker:9092");
		assertThat(new BrokerSettings("", 9092, 9093, Path.of("kafka"), "0.0.0.0", "").bootstrap())
			.as("all addresses, nothing advertised: this machine's clients")
			.isEqualTo("127.0.0.1:9092");
	}

}
