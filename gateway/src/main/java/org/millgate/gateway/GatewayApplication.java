package org.millgate.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import org.millgate.web.NettyKeepAlive;

/**
 * The Millgate gateway: the one door MES, WMS and partners use.
 */
@SpringBootApplication
@EnableConfigurationProperties(GatewaySettings.class)
public class GatewayApplication {

	public static void main(String[] args) {
		NettyKeepAlive.apply();
		SpringApplication.run(GatewayApplication.class, args);
	}

}
