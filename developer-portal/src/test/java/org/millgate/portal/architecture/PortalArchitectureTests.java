package org.millgate.portal.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
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
		.dependOnClassesThat(resideInAPackage("org.millgate..")
			.and(resideOutsideOfPackages("org.millgate.portal..", "org.millgate.contracts..")))
		.because("the portal runs on its own and reaches identity, the gateway and the usage figures over the "
				+ "network; code of a service, a product, the facade or the ERP on its classpath would tie its "
				+ "releases to theirs");

}
