package org.millgate.identity.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The wall of the identity service.
 */
@AnalyzeClasses(packages = "org.millgate.identity", importOptions = ImportOption.DoNotIncludeTests.class)
class IdentityArchitectureTests {

	@ArchTest
	static final ArchRule depends_on_no_other_millgate_module = noClasses().should()
		.dependOnClassesThat(resideInAPackage("org.millgate..").and(resideOutsideOfPackage("org.millgate.identity..")))
		.because("identity is the default issuer an enterprise IdP can replace: nothing of the platform may "
				+ "depend on it being Millgate's, and it knows nothing of the platform but the claims it issues");

}
