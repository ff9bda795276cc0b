package org.millgate.gateway.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The gateway knows the policies and the contracts, never a product, the facade or the
 * ERP: it routes to the services over HTTP and never calls the ERP.
 */
@AnalyzeClasses(packages = "org.millgate", importOptions = ImportOption.DoNotIncludeTests.class)
class GatewayArchitectureTests {

	@ArchTest
	static final ArchRule knows_policies_and_contracts_only = noClasses().that()
		.resideInAPackage("org.millgate.gateway..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.millgate.erp..", "org.millgate.orders..", "org.millgate.inventory..",
				"org.millgate.shipments..", "org.millgate.identity..", "org.millgate.simulator..");

	@ArchTest
	static final ArchRule no_blocking_in_the_gateway = noClasses().that()
		.resideInAPackage("org.millgate.gateway..")
		.should()
		.callMethod(reactor.core.publisher.Mono.class, "block");

}
