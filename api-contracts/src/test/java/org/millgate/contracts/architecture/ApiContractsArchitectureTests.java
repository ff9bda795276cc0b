package org.millgate.contracts.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The walls of the api-contracts module, each with the reason it exists.
 */
@AnalyzeClasses(packages = "org.millgate.contracts", importOptions = ImportOption.DoNotIncludeTests.class)
class ApiContractsArchitectureTests {

	/**
	 * DESIGN: api-contracts depends on nothing internal; everything else depends on it.
	 */
	@ArchTest
	static final ArchRule depends_on_no_other_millgate_module = noClasses().should()
		.dependOnClassesThat(resideInAPackage("org.millgate..").and(resideOutsideOfPackage("org.millgate.contracts..")))
		.because("api-contracts is the base every module builds on and may depend on none of them");

	/**
	 * The gateway (WebFlux), the portal and CLI tools all load contracts: no framework
	 * here.
	 */
	@ArchTest
	static final ArchRule is_framework_free = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework..")
		.because("the catalog is loaded by reactive and servlet applications and by the CLI alike");

	/**
	 * The catalog is the base of the module: rules and checker read it, never the
	 * reverse.
	 */
	@ArchTest
	static final ArchRule catalog_knows_no_tooling = noClasses().that()
		.resideInAPackage("..contracts.catalog..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..contracts.governance..", "..contracts.compat..", "..contracts.cli..",
				"..contracts.openapi..")
		.because("the gateway and portal load the catalog without pulling in governance tooling");

	/** Tree reading is shared infrastructure below the rules and the checker. */
	@ArchTest
	static final ArchRule openapi_reading_is_a_leaf = noClasses().that()
		.resideInAPackage("..contracts.openapi..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..contracts.governance..", "..contracts.compat..", "..contracts.cli..",
				"..contracts.catalog..")
		.because("it is shared by the rules and the checker and must not tie them together");

	/** Rules and checker evolve separately; only the CLI combines them. */
	@ArchTest
	static final ArchRule governance_and_compat_are_independent = noClasses().that()
		.resideInAPackage("..contracts.governance..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..contracts.compat..", "..contracts.cli..")
		.because("governance rules judge one version; compatibility compares two");

	/** See {@link #governance_and_compat_are_independent}. */
	@ArchTest
	static final ArchRule compat_does_not_use_governance = noClasses().that()
		.resideInAPackage("..contracts.compat..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..contracts.governance..", "..contracts.cli..")
		.because("governance rules judge one version; compatibility compares two");

}
