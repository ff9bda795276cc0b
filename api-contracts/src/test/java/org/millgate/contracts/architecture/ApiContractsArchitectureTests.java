package org.millgate.contracts.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The walls of the api-contracts module, each with the reason it exists. The design-time
 * tools (cli, compat, governance, review, pacts, erp-impact) live in contract-tools;
 * their rules are in its architecture test.
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
	 * The gateway (WebFlux), the products, the portal and the contract tools all load
	 * contracts: no framework here.
	 */
	@ArchTest
	static final ArchRule is_framework_free = noClasses().should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework..")
		.because("the catalog is loaded by reactive and servlet applications and by the command-line tools alike");

	/**
	 * Only what services need at run time: every service jar ships this module, so a new
	 * package here is a decision, not an accident. Tooling goes to contract-tools.
	 */
	@ArchTest
	static final ArchRule holds_only_what_services_need_at_run_time = classes().should()
		.resideInAnyPackage("org.millgate.contracts.access", "org.millgate.contracts.catalog",
				"org.millgate.contracts.openapi", "org.millgate.contracts.paging", "org.millgate.contracts.problems",
				"org.millgate.contracts.units", "org.millgate.contracts.usage", "org.millgate.contracts.validation")
		.because("every service and the gateway ship this jar; design-time tooling (diff, lint, reviews, "
				+ "pact checks, erp-impact) belongs in contract-tools, which depends on this module");

	/**
	 * The catalog is the base of the module: scopes, validation and problem types read
	 * it, never the reverse.
	 */
	@ArchTest
	static final ArchRule catalog_depends_on_nothing_else_here = classes().that()
		.resideInAPackage("org.millgate.contracts.catalog..")
		.should()
		.onlyDependOnClassesThat(
				resideInAPackage("org.millgate.contracts.catalog..").or(resideOutsideOfPackage("org.millgate..")))
		.because("every service loads the catalog, and loading it must not pull in anything else");

	/** Tree reading is shared infrastructure below the scopes and the contract tools. */
	@ArchTest
	static final ArchRule openapi_reading_is_a_leaf = classes().that()
		.resideInAPackage("org.millgate.contracts.openapi..")
		.should()
		.onlyDependOnClassesThat(
				resideInAPackage("org.millgate.contracts.openapi..").or(resideOutsideOfPackage("org.millgate..")))
		.because("it is shared by the operation scopes here and by the rules and the checker of contract-tools, "
				+ "and must not tie them to anything else");

}
