package org.millgate.changefeed;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The ERP change feed: finds what changed in the ERP (production orders released or
 * technically completed, goods movements booked) and publishes it as the event products'
 * CloudEvents on Kafka, exactly once per change for consumers that read committed
 * records.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChangeFeedApplication {

	public static void main(String[] args) {
		SpringApplication.run(ChangeFeedApplication.class, args);
	}

}
