package org.millgate.policies.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The policies depend on the contracts only: no product, facade, gateway or ERP class.
 */
@AnalyzeClasses(packages = "org.millgate.policies", importOptions = ImportOption.DoNotIncludeTests.class)
class PoliciesArchitectureTests {

	@ArchTest
	static final ArchRule depends_on_contracts_only = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.millgate.erp..", "org.millgate.orders..", "org.millgate.inventory..",
				"org.millgate.shipments..", "org.millgate.gateway..", "org.millgate.identity..",
				"org.millgate.simulator..");

	@ArchTest
	static final ArchRule policies_do_not_block = noClasses().should()
		.callMethod(reactor.core.publisher.Mono.class, "block")
		.orShould()
		.callMethod(java.util.concurrent.CompletableFuture.class, "join");

}
