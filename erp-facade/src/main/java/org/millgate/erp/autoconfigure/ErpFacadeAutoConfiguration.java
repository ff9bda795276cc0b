package org.millgate.erp.autoconfigure;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import org.millgate.erp.config.ErpProperties;
import org.millgate.erp.model.UnitTable;
import org.millgate.erp.port.Confirmations;
import org.millgate.erp.port.Deliveries;
import org.millgate.erp.port.MasterData;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.ProductionOrders;
import org.millgate.erp.port.Reservations;
import org.millgate.erp.port.GoodsMovements;
import org.millgate.erp.port.StockChanges;
import org.millgate.erp.port.StockLevels;
import org.millgate.erp.sap.SapErpFacade;

/**
 * The ERP ports of an SAP S/4HANA system, from {@code millgate.erp}.
 */
@AutoConfiguration
@EnableConfigurationProperties(ErpProperties.class)
public class ErpFacadeAutoConfiguration {

	private static final Logger LOG = LoggerFactory.getLogger(ErpFacadeAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	SapErpFacade sapErpFacade(ErpProperties properties, ObjectProvider<WebClient.Builder> builders,
			ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clocks, ObjectProvider<UnitTable> units,
			Environment environment) {
		// the ERP's administrators (and the simulator's statistics) see which service
		// calls
		WebClient.Builder builder = builders.getIfAvailable(WebClient::builder)
			.clone()
			.defaultHeader(HttpHeaders.USER_AGENT,
					"millgate-" + environment.getProperty("spring.application.name", "erp-facade"));
		UnitTable table = units.getIfAvailable();
		if (table == null) {
			LOG.info("No units table was given to the ERP facade: a quantity in any unit may have the three "
					+ "decimals of SAP's quantity type (product-web gives the contracts' table to a service that writes)");
			table = UnitTable.NONE;
		}
		return SapErpFacade.create(properties, builder, meters.getIfAvailable(SimpleMeterRegistry::new),
				clocks.getIfAvailable(Clock::systemUTC), table);
	}

	@Bean
	@ConditionalOnProperty(name = "millgate.erp.verify-metadata", havingValue = "true", matchIfMissing = true)
	ApplicationRunner erpMetadataCheck(SapErpFacade facade, ErpProperties properties) {
		return (arguments) -> facade.verifyMetadata(properties.timeouts().read().multipliedBy(2));
	}

	@Bean
	ProductionOrders erpProductionOrders(SapErpFacade facade) {
		return facade.productionOrders();
	}

	@Bean
	Confirmations erpConfirmations(SapErpFacade facade) {
		return facade.confirmations();
	}

	@Bean
	StockLevels erpStockLevels(SapErpFacade facade) {
		return facade.stockLevels();
	}

	@Bean
	Reservations erpReservations(SapErpFacade facade) {
		return facade.reservations();
	}

	@Bean
	Deliveries erpDeliveries(SapErpFacade facade) {
		return facade.deliveries();
	}

	@Bean
	Materials erpMaterials(SapErpFacade facade) {
		return facade.materials();
	}

	@Bean
	MasterData erpMasterData(SapErpFacade facade) {
		return facade.masterData();
	}

	@Bean
	StockChanges erpStockChanges(SapErpFacade facade) {
		return facade.stockChanges();
	}

	@Bean
	GoodsMovements erpGoodsMovements(SapErpFacade facade) {
		return facade.goodsMovements();
	}

}
