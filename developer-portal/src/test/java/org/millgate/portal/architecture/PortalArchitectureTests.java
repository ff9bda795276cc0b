package org.millgate.portal.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The portal knows the contracts and nothing else of Millgate: identity only over HTTP,
 * never a product, the facade, the gateway or the ERP.
 */
@AnalyzeClasses(packages = "org.millgate", importOptions = ImportOption.DoNotIncludeTests.class)
class PortalArchitectureTests {

	@ArchTest
	static final ArchRule knows_the_contracts_only = noClasses().that()
		.resideInAPackage("org.millgate.portal..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.millgate.erp..", "org.millgate.orders..", "org.millgate.inventory..",
				"org.millgate.shipments..", "org.millgate.identity..", "org.millgate.erpsim..",
				"org.millgate.gateway..", "org.millgate.policies..");

}
