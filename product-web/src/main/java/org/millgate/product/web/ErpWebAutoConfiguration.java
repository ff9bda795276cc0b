package org.millgate.product.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import org.millgate.contracts.units.UnitsOfMeasure;
import org.millgate.erp.model.UnitDefinition;
import org.millgate.erp.model.UnitDimension;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.model.UnitTable;
import org.millgate.erp.port.CallContext;
import org.millgate.erp.port.ErpFailure;
import org.millgate.web.Problems;

/**
 * For a product over the ERP facade: a request's correlation travels with its ERP calls,
 * ERP failures are answered as problems, and the facade checks quantities by the
 * contracts' units table.
 */
@AutoConfiguration(after = ProductWebAutoConfiguration.class)
@ConditionalOnClass(ErpFailure.class)
class ErpWebAutoConfiguration {

	@Bean
	CorrelationPropagation erpCallContext() {
		return CallContext::of;
	}

	@Bean
	ErpProblemHandler erpProblemHandler(Problems problems) {
		return new ErpProblemHandler(problems);
	}

	// the facade refuses quantities by the table the gateway and the contract check use
	@Bean
	@ConditionalOnMissingBean
	UnitTable erpUnitTable() {
		return new UnitTable(UnitsOfMeasure.standard()
			.all()
			.stream()
			.map((unit) -> new UnitDefinition(UnitOfMeasure.of(unit.code()), unit.isoCode(),
					UnitDimension.valueOf(unit.dimension()), unit.decimals(), unit.name()))
			.toList());
	}

}
