package org.millgate.shipments;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The shipments API product service.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ShipmentApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(ShipmentApiApplication.class, args);
	}

}
