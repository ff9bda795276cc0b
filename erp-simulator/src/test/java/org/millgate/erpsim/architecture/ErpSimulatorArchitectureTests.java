package org.millgate.erpsim.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The layers of the simulator, each with the reason it exists.
 */
@AnalyzeClasses(packages = "org.millgate.erpsim", importOptions = ImportOption.DoNotIncludeTests.class)
class ErpSimulatorArchitectureTests {

	/** DESIGN: the simulator depends on nothing internal; it stands in for any ERP. */
	@ArchTest
	static final ArchRule depends_on_no_other_millgate_module = noClasses().should()
		.dependOnClassesThat(resideInAPackage("org.millgate..").and(resideOutsideOfPackage("org.millgate.erpsim..")))
		.because("the simulator plays the ERP and must not know its clients");

	/**
	 * The protocol knows no entity by name: releases and data are definitions it reads.
	 */
	@ArchTest
	static final ArchRule protocol_knows_no_release_data_or_web = noClasses().that()
		.resideInAPackage("..erpsim.odata..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..erpsim.release..", "..erpsim.data..", "..erpsim.web..", "..erpsim.faults..",
				"org.springframework..")
		.because("the OData protocol must stay the same whatever the release and the data");

	/** The data is release independent: releases rename it, never the reverse. */
	@ArchTest
	static final ArchRule data_knows_no_release_or_web = noClasses().that()
		.resideInAPackage("..erpsim.data..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..erpsim.release..", "..erpsim.service..", "..erpsim.web..", "..erpsim.faults..")
		.because("one seed serves every release");

	/** Faults wrap any service; they learn services only through a function. */
	@ArchTest
	static final ArchRule faults_know_no_web_or_data = noClasses().that()
		.resideInAPackage("..erpsim.faults..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..erpsim.web..", "..erpsim.data..", "..erpsim.release..")
		.because("fault injection must work the same on every service");

}
