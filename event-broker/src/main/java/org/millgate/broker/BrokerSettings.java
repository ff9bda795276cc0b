package org.millgate.broker;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the platform's Kafka is.
 *
 * @param externalBootstrap the bootstrap servers of a cluster the platform uses instead
 * of the embedded broker ({@code MILLGATE_KAFKA_BOOTSTRAP}); blank to embed one
 * @param port the embedded broker's client port on 127.0.0.1
 * ({@code MILLGATE_KAFKA_PORT})
 * @param controllerPort the embedded broker's KRaft controller port on 127.0.0.1
 * ({@code MILLGATE_KAFKA_CONTROLLER_PORT})
 * @param dataDir where the embedded broker keeps its logs, formatted once and kept across
 * restarts
 * @param listenHost the address the embedded broker's client port listens on
 * ({@code MILLGATE_KAFKA_LISTEN_HOST}): 127.0.0.1, this machine only, unless the broker
 * serves other hosts (a pod of its own: {@code 0.0.0.0}); its controller stays on
 * 127.0.0.1
 * @param advertisedHost the host clients are told to reach the embedded broker at
 * ({@code MILLGATE_KAFKA_ADVERTISED_HOST}, e.g. its Kubernetes service name); blank for
 * the listen host (127.0.0.1 when that is {@code 0.0.0.0})
 */
@Validated
@ConfigurationProperties("millgate.broker")
public record BrokerSettings(@DefaultValue("") String externalBootstrap,
		@DefaultValue("9092") @Min(1) @Max(65535) int port,
		@DefaultValue("9093") @Min(1) @Max(65535) int controllerPort,
		@DefaultValue(".millgate/data/kafka") Path dataDir, @DefaultValue(HOST) String listenHost,
		@DefaultValue("") String advertisedHost) {

	/** The embedded broker's controller listens here only, and its clients by default. */
	public static final String HOST = "127.0.0.1";

	@ConstructorBinding
	public BrokerSettings {
	}

	/**
	 * Settings of an embedded broker for this machine only.
	 * @param externalBootstrap an external cluster's bootstrap servers, or blank
	 * @param port the client port
	 * @param controllerPort the controller port
	 * @param dataDir the data directory
	 */
	public BrokerSettings(String externalBootstrap, int port, int controllerPort, Path dataDir) {
		this(externalBootstrap, port, controllerPort, dataDir, HOST, "");
	}

	/**
	 * The host clients reach the embedded broker at.
	 * @return the advertised host
	 */
	public String clientHost() {
		if (!this.advertisedHost.isBlank()) {
			return this.advertisedHost.trim();
		}
		return this.listenHost.trim().equals("0.0.0.0") ? HOST : this.listenHost.trim();
	}

	/**
	 * Whether the broker is embedded in this process.
	 * @return true unless an external cluster is configured
	 */
	public boolean embedded() {
		return this.externalBootstrap.isBlank();
	}

	/**
	 * The bootstrap servers of the platform's Kafka.
	 * @return e.g. {@code 127.0.0.1:9092}
	 */
	public String bootstrap() {
		return embedded() ? clientHost() + ":" + this.port : this.externalBootstrap.trim();
	}

}
