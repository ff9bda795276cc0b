package org.millgate.portal;

import java.nio.file.Path;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.portal.catalog.CatalogView;

/**
 * The catalog the portal shows, read once at start.
 */
@Configuration(proxyBeanMethods = false)
class PortalConfiguration {

	@Bean
	ContractCatalog contractCatalog(PortalSettings settings) {
		return settings.catalogDir().isBlank() ? ContractCatalog.load()
				: ContractCatalog.load(Path.of(settings.catalogDir()));
	}

	@Bean
	java.time.Clock clock() {
		return java.time.Clock.systemUTC();
	}

	@Bean
	org.millgate.portal.catalog.Reviews reviews(ContractCatalog catalog) {
		return new org.millgate.portal.catalog.Reviews(catalog);
	}

	@Bean
	CatalogView catalogView(ContractCatalog catalog) {
		return new CatalogView(catalog);
	}

}
