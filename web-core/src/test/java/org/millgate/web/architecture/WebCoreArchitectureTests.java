package org.millgate.web.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The walls of web-core, each with the reason it exists.
 */
@AnalyzeClasses(packages = "org.millgate.web", importOptions = ImportOption.DoNotIncludeTests.class)
class WebCoreArchitectureTests {

	@ArchTest
	static final ArchRule depends_on_api_contracts_only = noClasses().should()
		.dependOnClassesThat(resideInAPackage("org.millgate..")
			.and(resideOutsideOfPackages("org.millgate.web..", "org.millgate.contracts..")))
		.because("the gateway's policies and the products' starter both build on web-core, "
				+ "so it may know neither of them nor anything but the contracts");

	@ArchTest
	static final ArchRule knows_no_spring_boot_nor_security = noClasses().should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.boot..", "org.springframework.security..",
				"org.springframework.cloud..")
		.because("a rule shared by the gateway and the products must not drag either one's framework "
				+ "into the other");

}
