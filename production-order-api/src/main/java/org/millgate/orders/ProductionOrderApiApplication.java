package org.millgate.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The production-orders API product service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ProductionOrderApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(ProductionOrderApiApplication.class, args);
	}

}
