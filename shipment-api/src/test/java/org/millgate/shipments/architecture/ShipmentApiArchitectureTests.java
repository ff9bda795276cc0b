package org.millgate.shipments.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The walls of the shipments service, each with the reason it exists.
 */
@AnalyzeClasses(packages = "org.millgate.shipments", importOptions = ImportOption.DoNotIncludeTests.class)
class ShipmentApiArchitectureTests {

	/** DESIGN: services call each other never, and know no gateway or simulator. */
	@ArchTest
	static final ArchRule depends_on_no_other_service = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.millgate.orders..", "org.millgate.inventory..", "org.millgate.gateway..",
				"org.millgate.erpsim..")
		.because("a product service depends on api-contracts and erp-facade only");

	/**
	 * Consumers must never see ERP names: only the facade's canonical model and ports.
	 */
	@ArchTest
	static final ArchRule knows_no_erp_adapter = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.millgate.erp.sap..", "org.millgate.erp.resilience..")
		.because("the ERP is reached through ports; which ERP answers is configuration");

	/** Web calls application, application calls ports: never the other way round. */
	@ArchTest
	static final ArchRule application_knows_no_web = noClasses().that()
		.resideInAPackage("..shipments.tracking..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("..shipments.web..", "org.springframework.web..", "org.springframework.http..")
		.because("the rules of the product hold whatever the transport");

	/**
	 * The web layer goes through the use cases, not straight to the ERP ports; it may map
	 * ERP failures to problems and pass correlation to ERP calls.
	 */
	@ArchTest
	static final ArchRule web_does_not_call_erp_ports = noClasses().that()
		.resideInAPackage("..shipments.web..")
		.should()
		.dependOnClassesThat(
				JavaClass.Predicates.resideInAPackage("org.millgate.erp.port..").and(JavaClass.Predicates.INTERFACES))
		.because("every ERP call passes the product's checks in the application layer");

}
