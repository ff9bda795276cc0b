package org.millgate.erp.sap;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import org.millgate.erp.config.ErpProperties;
import org.millgate.testing.erp.ErpSimulator;

/**
 * Facades configured against test-support's ERP simulators, one per release, reached over
 * real HTTP.
 */
final class Simulators {

	private Simulators() {
	}

	/**
	 * A facade against a release's simulator.
	 * @param release the release
	 * @param settings extra {@code millgate.erp.*} settings, e.g.
	 * {@code retry.max-attempts}
	 * @return the facade
	 */
	static SapErpFacade facade(String release, String... settings) {
		return facade(new SimpleMeterRegistry(), release, settings);
	}

	static SapErpFacade facade(MeterRegistry meters, String release, String... settings) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("millgate.erp.base-url", ErpSimulator.of(release).baseUrl());
		values.put("millgate.erp.release", release);
		for (int i = 0; i < settings.length; i += 2) {
			values.put("millgate.erp." + settings[i], settings[i + 1]);
		}
		ErpProperties properties = new Binder(new MapConfigurationPropertySource(values))
			.bind("millgate.erp", ErpProperties.class)
			.orElseThrow(() -> new IllegalStateException("no properties"));
		return SapErpFacade.create(properties, WebClient.builder(), meters, Clock.systemUTC(), TestUnits.TABLE);
	}

}
