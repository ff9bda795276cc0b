package org.millgate.masterdata;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The master-data service.
 */
@SpringBootApplication
public class MasterDataApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(MasterDataApiApplication.class, args);
	}

}
