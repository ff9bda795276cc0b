package org.millgate.gateway;

import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.policies.validation.RequestValidationPolicy;
import org.millgate.policies.validation.ResponseValidationPolicy;
import org.millgate.policies.versioning.NotFoundPolicy;
import org.millgate.policies.versioning.VersioningPolicy;
import org.millgate.web.Problems;

/**
 * What comes from the contracts: the catalog, the problem types, and the policies that
 * hold each call to its version's lifecycle and contract.
 */
@Configuration(proxyBeanMethods = false)
class ContractConfiguration {

	@Bean
	ContractCatalog contractCatalog(GatewaySettings settings) {
		if (StringUtils.hasText(settings.catalogDir())) {
			return ContractCatalog.load(Path.of(settings.catalogDir()));
		}
		return ContractCatalog.load();
	}

	@Bean
	Problems problems() {
		return new Problems(ProblemTypes.load());
	}

	@Bean
	PolicySettings policySettings(GatewaySettings settings) {
		return new PolicySettings(settings);
	}

	@Bean
	VersioningPolicy versioningPolicy(Problems problems) {
		return new VersioningPolicy(problems);
	}

	@Bean
	NotFoundPolicy notFoundPolicy(ContractCatalog catalog, Problems problems) {
		return new NotFoundPolicy(catalog, problems);
	}

	@Bean
	RequestValidationPolicy requestValidationPolicy(PolicySettings settings, Problems problems) {
		return new RequestValidationPolicy(settings::requestValidation, problems);
	}

	@Bean
	ResponseValidationPolicy responseValidationPolicy(PolicySettings settings, Problems problems,
			MeterRegistry meters) {
		return new ResponseValidationPolicy(settings::responseValidation, problems, meters);
	}

}
