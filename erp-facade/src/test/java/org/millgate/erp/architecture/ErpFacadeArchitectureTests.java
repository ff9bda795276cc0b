package org.millgate.erp.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The walls of the ERP facade, each with the reason it exists.
 */
@AnalyzeClasses(packages = "org.millgate.erp", importOptions = ImportOption.DoNotIncludeTests.class)
class ErpFacadeArchitectureTests {

	/** DESIGN: erp-facade depends on nothing internal. */
	@ArchTest
	static final ArchRule depends_on_no_other_millgate_module = noClasses().should()
		.dependOnClassesThat(resideInAPackage("org.millgate..").and(resideOutsideOfPackage("org.millgate.erp..")))
		.because("products combine the facade with the contracts and their web starter; the facade knows none of "
				+ "them, nor the simulator");

	/** Products build on the model and the ports; no ERP or HTTP type may reach them. */
	@ArchTest
	static final ArchRule model_and_ports_are_erp_and_transport_free = noClasses().that()
		.resideInAnyPackage("..erp.model..", "..erp.port..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..erp.sap..", "..erp.resilience..", "..erp.config..", "..erp.autoconfigure..",
				"tools.jackson..", "com.fasterxml..", "org.springframework..", "io.github.resilience4j..")
		.because("consumers must never see an ERP name, and products must not depend on how the ERP is reached");

	/** Adapters hide behind the ports: only the factory is public in the SAP package. */
	@ArchTest
	static final ArchRule sap_adapters_are_package_private = classes().that()
		.resideInAPackage("..erp.sap..")
		.and()
		.doNotHaveSimpleName("SapErpFacade")
		.should()
		.notBePublic()
		.because("ERP types never leak past the adapter package");

	/** Resilience is generic: it protects calls without knowing SAP. */
	@ArchTest
	static final ArchRule resilience_knows_no_sap = noClasses().that()
		.resideInAPackage("..erp.resilience..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..erp.sap..")
		.because("the same protection will wrap adapters for other ERPs");

}
