package org.millgate.portal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.portal.apps.Apps;
import org.millgate.portal.apps.Registrar;
import org.millgate.portal.catalog.CatalogView;
import org.millgate.portal.catalog.Reviews;
import org.millgate.portal.operations.OperationsFigures;
import org.millgate.portal.operations.OperationsSettings;
import org.millgate.portal.operations.ReconciliationClient;
import org.millgate.portal.usage.UsageFigures;

/**
 * The catalog the portal shows (read once at start), the apps and identity, and the usage
 * figures.
 */
@Configuration(proxyBeanMethods = false)
class PortalConfiguration {

	@Bean
	ContractCatalog contractCatalog(PortalSettings settings) {
		return settings.catalogDir().isBlank() ? ContractCatalog.load()
				: ContractCatalog.load(Path.of(settings.catalogDir()));
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	Reviews reviews(ContractCatalog catalog) {
		return new Reviews(catalog);
	}

	// the registrar client, not the sign-in client: only the registrar may get
	// client-management tokens
	@Bean
	Registrar registrar(PortalSettings settings) {
		return new Registrar(settings.issuerUrl(), settings.registrar().clientId(),
				settings.registrar().clientSecret());
	}

	@Bean
	Apps apps(JdbcClient jdbc, TransactionTemplate transactions, Registrar registrar, ContractCatalog catalog,
			PortalSettings settings) {
		return new Apps(jdbc, transactions, registrar, catalog, Set.copyOf(settings.selfServicePlans()),
				settings.appsPerHour(), settings.activeAppsPerPartner());
	}

	@Bean(destroyMethod = "close")
	UsageFigures usageFigures(PortalSettings settings) {
		return new UsageFigures(settings.redisUrl(), settings.gatewayUrl().resolve("/actuator/usage"));
	}

	@Bean(destroyMethod = "close")
	OperationsFigures operationsFigures(OperationsSettings settings, Clock clock) {
		return new OperationsFigures(settings, clock);
	}

	@Bean
	ReconciliationClient reconciliationClient(PortalSettings settings, OperationsSettings operations, Clock clock) {
		return new ReconciliationClient(settings.gatewayUrl(), settings.issuerUrl(), operations, clock);
	}

	@Bean
	CatalogView catalogView(ContractCatalog catalog) {
		return new CatalogView(catalog);
	}

}
