package org.millgate.masterdata.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.millgate.testing.architecture.ProductArchitectureRules;

/**
 * The walls of the master-data service: those of every product (see
 * {@link ProductArchitectureRules}), with {@code lookup} as its application.
 */
@AnalyzeClasses(packages = "org.millgate.masterdata", importOptions = ImportOption.DoNotIncludeTests.class)
class MasterDataApiArchitectureTests {

	@ArchTest
	static final ArchRule keeps_the_walls_of_a_product = ProductArchitectureRules.of("org.millgate.masterdata",
			"lookup");

}
