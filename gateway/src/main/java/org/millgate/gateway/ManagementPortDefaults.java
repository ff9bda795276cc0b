package org.millgate.gateway;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * A management port of its own listens on loopback unless told otherwise
 * ({@code MILLGATE_GATEWAY_MANAGEMENT_ADDRESS}): the metrics name every client and
 * partner, and a port opened to read them must not open them to the plant network. Boot
 * refuses a management address without a management port, so the default is added only
 * when a port of its own is set.
 */
final class ManagementPortDefaults implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String port = environment.getProperty("management.server.port");
		String serverPort = environment.getProperty("server.port");
		if (!StringUtils.hasText(port) || (port.equals(serverPort) && !"0".equals(port))
				|| environment.containsProperty("management.server.address")) {
			return;
		}
		String address = environment.getProperty("MILLGATE_GATEWAY_MANAGEMENT_ADDRESS", "127.0.0.1");
		environment.getPropertySources()
			.addLast(new MapPropertySource("millgateManagementPort", Map.of("management.server.address", address)));
	}

}
