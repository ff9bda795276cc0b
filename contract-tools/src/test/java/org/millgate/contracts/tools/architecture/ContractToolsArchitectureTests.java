package org.millgate.contracts.tools.architecture;

import java.net.URISyntaxException;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.millgate.contracts.catalog.ContractCatalog;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The walls of the contract-tools module, each with the reason it exists.
 */
@AnalyzeClasses(packages = "org.millgate", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractToolsArchitectureTests {

	private static final String TOOLS = "org.millgate.contracts.tools..";

	/** Where api-contracts' classes are loaded from: its jar, or its target/classes. */
	private static final String API_CONTRACTS = location(ContractCatalog.class);

	/**
	 * A class of api-contracts: one loaded from where the catalog is (its jar, or its
	 * {@code target/classes} in the reactor). Told by where it comes from rather than by
	 * package, since other modules may share the {@code org.millgate.contracts} prefix.
	 */
	private static final DescribedPredicate<JavaClass> IN_API_CONTRACTS = DescribedPredicate.describe(
			"are in api-contracts",
			(type) -> type.getSource()
				.map((source) -> source.getUri().toString().contains(API_CONTRACTS))
				.orElse(false));

	/**
	 * DESIGN: the tools run from the command line (./millgate) and inside the developer
	 * portal; no framework of their own.
	 */
	@ArchTest
	static final ArchRule depends_on_no_spring_type = noClasses().that()
		.resideInAPackage(TOOLS)
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework..")
		.because("the tools run as plain java from ./millgate and inside the servlet portal alike, "
				+ "and a framework here would reach every one of them");

	/** DESIGN: api-contracts is the only Millgate module the tools may use. */
	@ArchTest
	static final ArchRule depends_on_no_internal_module_but_api_contracts = noClasses().that()
		.resideInAPackage(TOOLS)
		.should()
		.dependOnClassesThat(resideInAPackage("org.millgate..").and(resideOutsideOfPackage(TOOLS))
			.and(DescribedPredicate.not(IN_API_CONTRACTS)))
		.because("the tools judge contracts, lineage files and ERP documents as files; depending on a service, "
				+ "the facade or the simulator would pull that module into the portal and the command line");

	/** The simulator's releases reach erp-impact as documents, never as code. */
	@ArchTest
	static final ArchRule erp_impact_reads_documents_not_the_simulator = noClasses().that()
		.resideInAPackage("org.millgate.contracts.tools.erpimpact..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.millgate.erpsim..")
		.because("erp-impact compares $metadata documents, whoever wrote them: erp-simulator's build exports "
				+ "its releases to erp-simulator/target/erp-metadata, a real ERP serves them over HTTP");

	/** Rules and checker evolve separately; only the CLI and the reviews combine them. */
	@ArchTest
	static final ArchRule governance_does_not_use_compat = noClasses().that()
		.resideInAPackage("org.millgate.contracts.tools.governance..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.millgate.contracts.tools.compat..", "org.millgate.contracts.tools.cli..",
				"org.millgate.contracts.tools.review..")
		.because("governance rules judge one version; compatibility compares two");

	/** See {@link #governance_does_not_use_compat}. */
	@ArchTest
	static final ArchRule compat_does_not_use_governance = noClasses().that()
		.resideInAPackage("org.millgate.contracts.tools.compat..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.millgate.contracts.tools.governance..", "org.millgate.contracts.tools.cli..",
				"org.millgate.contracts.tools.review..")
		.because("governance rules judge one version; compatibility compares two");

	/** Pacts are read and checked on their own; the checker and the reports use them. */
	@ArchTest
	static final ArchRule pacts_are_a_leaf_of_the_tools = noClasses().that()
		.resideInAPackage("org.millgate.contracts.tools.pacts..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.millgate.contracts.tools.compat..", "org.millgate.contracts.tools.governance..",
				"org.millgate.contracts.tools.review..", "org.millgate.contracts.tools.cli..",
				"org.millgate.contracts.tools.erpimpact..")
		.because("the offline pact check is shared by the command line, the reviews, erp-impact and the "
				+ "contract tests, and must not tie them together");

	/** Nothing calls a command line. */
	@ArchTest
	static final ArchRule no_tool_uses_the_command_line = noClasses().that()
		.resideInAPackage(TOOLS)
		.and()
		.resideOutsideOfPackage("org.millgate.contracts.tools.cli..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.millgate.contracts.tools.cli..")
		.because("the portal uses the reviews and the checker directly; the CLI only formats and exits");

	private static String location(Class<?> type) {
		try {
			return type.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
