package org.millgate.product.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import org.millgate.erp.port.CallContext;
import org.millgate.erp.port.ErpFailure;
import org.millgate.web.Problems;

/**
 * For a product over the ERP facade: a request's correlation travels with its ERP calls,
 * and ERP failures are answered as problems.
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

}
