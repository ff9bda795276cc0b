package org.millgate.erpsim;

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

	public static void main(String[] args) {
		SpringApplication.run(ErpSimulatorApplication.class, args);
	}

}
