package org.millgate.product.web;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ProductDefaultsTests {

	@Test
	void should_give_a_product_the_shared_settings_below_its_own() {
		// given a product that sets its issuer itself
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application", Map.of("millgate.product.id", "inventory",
					"millgate.product.issuer", "https://idp.plant.example")));
		// when
		new ProductDefaults().postProcessEnvironment(environment, new SpringApplication());
		// then its own value wins and the shared ones fill the rest
		assertThat(environment.getProperty("millgate.product.issuer")).isEqualTo("https://idp.plant.example");
		assertThat(environment.getProperty("springdoc.api-docs.enabled")).isEqualTo("false");
		// the gateway is the only door
		assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
		assertThat(environment.getPropertySources().contains(ProductDefaults.NAME)).isTrue();
	}

	@Test
	void should_leave_an_application_that_is_no_product_alone() {
		StandardEnvironment environment = new StandardEnvironment();

		new ProductDefaults().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getPropertySources().contains(ProductDefaults.NAME)).isFalse();
		assertThat(environment.getProperty("springdoc.api-docs.enabled")).isNull();
	}

}
