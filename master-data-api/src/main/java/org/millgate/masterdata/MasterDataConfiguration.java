package org.millgate.masterdata;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.millgate.erp.config.ErpProperties;
import org.millgate.erp.port.MasterData;
import org.millgate.masterdata.lookup.MasterDataLookup;
import org.millgate.masterdata.web.Freshness;

/**
 * Wires the product: the lookup over the facade's master data. Security, problems, the
 * contract check and the contract route come from the product-web starter.
 */
@Configuration(proxyBeanMethods = false)
class MasterDataConfiguration {

	@Bean
	MasterDataLookup masterDataLookup(MasterData masterData, Clock clock) {
		return new MasterDataLookup(masterData, clock);
	}

	@Bean
	Freshness masterDataFreshness(ErpProperties erp, Clock clock) {
		return new Freshness(erp.cache().masterData(), clock);
	}

}
