package org.millgate.reconciliation.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.millgate.testing.architecture.ProductArchitectureRules;

/**
 * The walls of the reconciliation service: those of every product (see
 * {@link ProductArchitectureRules}), with {@code reconcile} as its application.
 */
@AnalyzeClasses(packages = "org.millgate.reconciliation", importOptions = ImportOption.DoNotIncludeTests.class)
class ReconciliationApiArchitectureTests {

	@ArchTest
	static final ArchRule keeps_the_walls_of_a_product = ProductArchitectureRules.of("org.millgate.reconciliation",
			"reconcile");

}
