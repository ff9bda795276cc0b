package org.millgate.gateway.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import reactor.core.publisher.Mono;

import org.springframework.web.server.WebFilter;

import org.millgate.policies.core.WebPolicy;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The gateway's walls: it wires the policies over the contracts and web-core, and knows
 * no product, the ERP facade or the ERP.
 */
@AnalyzeClasses(packages = "org.millgate", importOptions = ImportOption.DoNotIncludeTests.class)
class GatewayArchitectureTests {

	private static final DescribedPredicate<JavaClass> OTHER_MILLGATE_MODULES = resideInAPackage("org.millgate..")
		.and(DescribedPredicate.not(resideInAnyPackage("org.millgate.gateway..", "org.millgate.policies..",
				"org.millgate.contracts..", "org.millgate.web..")))
		.or(resideInAPackage("org.millgate.contracts.tools.."))
		.as("classes of Millgate modules other than policies, api-contracts and web-core");

	@ArchTest
	static final ArchRule knows_policies_contracts_and_web_core_only = noClasses().that()
		.resideInAPackage("org.millgate.gateway..")
		.should()
		.dependOnClassesThat(OTHER_MILLGATE_MODULES)
		.because("DESIGN.md: the gateway routes to the product services over HTTP and never calls the ERP; "
				+ "it knows the policies it wires, the contracts they read and the rules every HTTP edge shares");

	@ArchTest
	static final ArchRule no_blocking_in_the_gateway = noClasses().that()
		.resideInAPackage("org.millgate.gateway..")
		.should()
		.callMethod(Mono.class, "block")
		.because("the gateway runs on Netty event-loop threads, which must never wait");

	@ArchTest
	static final ArchRule the_gateways_web_filters_are_policies = classes().that()
		.resideInAPackage("org.millgate.gateway..")
		.and()
		.implement(WebFilter.class)
		.should()
		.implement(WebPolicy.class)
		.because("a filter in front of every request is a policy, at its place in PolicyOrder");

}
