package org.millgate.testing.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The walls of test-support.
 */
@AnalyzeClasses(packages = "org.millgate.testing", importOptions = ImportOption.DoNotIncludeTests.class)
class TestSupportArchitectureTests {

	@ArchTest
	static final ArchRule depends_on_the_contracts_the_simulator_and_the_broker_only = noClasses().should()
		.dependOnClassesThat(resideInAPackage("org.millgate..").and(resideOutsideOfPackages("org.millgate.testing..",
				"org.millgate.contracts..", "org.millgate.erpsim..", "org.millgate.broker..")))
		.because("every module's tests use test-support, so it may know no module they test: products, the "
				+ "gateway and the portal are reached over HTTP or named as strings; the ERP simulator and the "
				+ "event broker are the infrastructure the tests run against");

	@ArchTest
	static final ArchRule only_the_simulator_class_knows_the_simulator = noClasses().that()
		.resideOutsideOfPackage("org.millgate.testing.erp..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.millgate.erpsim..")
		.because("erp-simulator is optional here: a module without it must be able to use everything else");

	@ArchTest
	static final ArchRule only_the_kafka_class_knows_the_broker = noClasses().that()
		.resideOutsideOfPackage("org.millgate.testing.events..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.millgate.broker..")
		.because("event-broker is optional here: a module without it must be able to use everything else");

}
