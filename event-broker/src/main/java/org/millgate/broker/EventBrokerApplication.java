package org.millgate.broker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The platform's Kafka: by default a single-node KRaft broker embedded in this process,
 * on loopback; with {@code MILLGATE_KAFKA_BOOTSTRAP} set, none, and the health of that
 * cluster instead. Either way {@code /actuator/health} says whether the platform's events
 * have a broker.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EventBrokerApplication {

	public static void main(String[] args) {
		SpringApplication.run(EventBrokerApplication.class, args);
	}

}
