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
		// Reactor Netty 1.3.6 can stop reading a keep-alive connection whose next request
		// arrives before the previous exchange has terminated (reactor-netty#4361): the
		// request then hangs. Flushing the last response first avoids that path. Measured
		// here: 31 of 300 connections hung without it, none with it.
		System.setProperty("reactor.netty.http.server.lastFlushWhenNoRead",
				System.getProperty("reactor.netty.http.server.lastFlushWhenNoRead", "true"));
		SpringApplication.run(ShipmentApiApplication.class, args);
	}

}
