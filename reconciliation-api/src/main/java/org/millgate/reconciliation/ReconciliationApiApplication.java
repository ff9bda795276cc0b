package org.millgate.reconciliation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The reconciliation service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReconciliationApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(ReconciliationApiApplication.class, args);
	}

}
