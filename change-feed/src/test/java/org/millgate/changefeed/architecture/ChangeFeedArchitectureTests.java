package org.millgate.changefeed.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The walls of the change feed, each with the reason it exists.
 */
@AnalyzeClasses(packages = "org.millgate.changefeed", importOptions = ImportOption.DoNotIncludeTests.class)
class ChangeFeedArchitectureTests {

	@ArchTest
	static final ArchRule depends_on_contracts_web_core_and_the_erp_facade_only = noClasses().should()
		.dependOnClassesThat(resideInAPackage("org.millgate..")
			.and(com.tngtech.archunit.base.DescribedPredicate.not(resideInAnyPackage("org.millgate.changefeed..",
					"org.millgate.contracts..", "org.millgate.web..", "org.millgate.erp.."))))
		.because("the feed reads the ERP through the facade and publishes what the contracts declare; "
				+ "it knows no product, the gateway or the simulator");

	@ArchTest
	static final ArchRule sources_do_not_know_kafka = noClasses().that()
		.resideInAPackage("org.millgate.changefeed.sources..")
		.should()
		.dependOnClassesThat(resideInAPackage("org.apache.kafka.."))
		.because("a source turns ERP changes into events; publishing them, in transactions, is the feed's");

}
