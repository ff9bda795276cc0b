package org.millgate.product.web;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.paging.Cursors;
import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.web.Decimals;
import org.millgate.web.ManagementAccess;
import org.millgate.web.Problems;

/**
 * Everything a product service has besides its application and controllers: the contracts
 * of the versions it serves, problems, correlation, the contract check, the contract and
 * Swagger UI route, signed cursors, the caller as a plain record, and one JSON form for
 * decimals ({@link Decimals}).
 */
@AutoConfiguration
@EnableConfigurationProperties(ProductProperties.class)
class ProductWebAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ProductWebAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ProductContracts productContracts(ProductProperties product) {
		return ProductContracts.of(ContractCatalog.load(), product.id());
	}

	// every decimal of every answer with the same scale (Decimals)
	// the codecs read a body as large as the contract check does (a stock count of 10,000
	// positions is 1.3 MB): Spring's default of 256 KiB refused it before any check did
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	CodecCustomizer millgateBodySize(ProductProperties product) {
		int limit = Math.max(256 * 1024, product.maxBodyBytes());
		return (configurer) -> configurer.defaultCodecs().maxInMemorySize(limit);
	}

	@Bean
	JsonMapperBuilderCustomizer millgateDecimals() {
		return (builder) -> builder.addModule(Decimals.module());
	}

	@Bean
	@ConditionalOnMissingBean
	Problems problems() {
		return new Problems(ProblemTypes.load());
	}

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean
	Cursors cursors(ProductProperties product) {
		byte[] secret = product.cursorSecret().getBytes(StandardCharsets.UTF_8);
		if (secret.length == 0) {
			logger.warn("No cursor secret configured (MILLGATE_CURSOR_SECRET): using a random one; cursors issued "
					+ "before a restart or by another instance will be refused");
			secret = new byte[32];
			new SecureRandom().nextBytes(secret);
		}
		return new Cursors(secret);
	}

	@Bean
	CorrelationFilter correlationFilter(ObjectProvider<CorrelationPropagation> propagations) {
		return new CorrelationFilter(propagations.orderedStream().toList());
	}

	@Bean
	ManagementFilter managementFilter(ProductProperties product, Problems problems) {
		return new ManagementFilter(new ManagementAccess(product.managementClients()), problems);
	}

	@Bean
	ContractValidationFilter contractValidationFilter(ProductContracts contracts, ObjectProvider<RequestCheck> checks,
			Problems problems, ProductProperties product) {
		return new ContractValidationFilter(contracts, checks.orderedStream().toList(), problems,
				product.maxBodyBytes());
	}

	@Bean
	RouterFunction<ServerResponse> contractRoutes(ProductContracts contracts) {
		return ContractRoutes.of(contracts);
	}

	@Bean
	ProblemHandler problemHandler(Problems problems) {
		return new ProblemHandler(problems);
	}

	@Bean
	WebFluxConfigurer callerArgument(ObjectProvider<TrustedIssuers> issuers) {
		return new WebFluxConfigurer() {
			@Override
			public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
				configurer.addCustomResolver(new CallerArgumentResolver(issuers));
			}
		};
	}

}
