package org.millgate.broker;

import java.nio.file.Path;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
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
 */
@Validated
@ConfigurationProperties("millgate.broker")
public record BrokerSettings(@DefaultValue("") String externalBootstrap,
		@DefaultValue("9092") @Min(1) @Max(65535) int port,
		@DefaultValue("9093") @Min(1) @Max(65535) int controllerPort,
		@DefaultValue(".millgate/data/kafka") Path dataDir) {

	/** The embedded broker listens here only. */
	public static final String HOST = "127.0.0.1";

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
		return embedded() ? HOST + ":" + this.port : this.externalBootstrap.trim();
	}

}
