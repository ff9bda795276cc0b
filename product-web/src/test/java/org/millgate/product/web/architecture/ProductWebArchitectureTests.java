package org.millgate.product.web.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The walls of the product-web starter, each with the reason it exists.
 */
@AnalyzeClasses(packages = "org.millgate.product.web", importOptions = ImportOption.DoNotIncludeTests.class)
class ProductWebArchitectureTests {

	@ArchTest
	static final ArchRule depends_on_contracts_web_core_and_the_facades_ports_only = noClasses().should()
		.dependOnClassesThat(resideInAPackage("org.millgate..")
			.and(resideOutsideOfPackages("org.millgate.product.web..", "org.millgate.contracts..", "org.millgate.web..",
					"org.millgate.erp.port..", "org.millgate.erp.model..")))
		.because("every product builds on the starter, so it may know no product, no gateway and no ERP adapter; "
				+ "of the facade it knows the failures and the call context of its ports, and the canonical model "
				+ "(to hand the facade the contracts' units table)");

	@ArchTest
	static final ArchRule uses_the_erp_only_in_its_conditional_configuration = noClasses().that()
		.haveSimpleNameNotStartingWith("Erp")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.millgate.erp..")
		.because("the facade is an optional dependency: only the ERP auto-configuration, which is skipped when the "
				+ "facade is absent, and what it registers may load its classes");

}
