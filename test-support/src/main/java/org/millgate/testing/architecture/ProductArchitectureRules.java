package org.millgate.testing.architecture;

import java.util.Arrays;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.INTERFACES;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The walls every product service keeps, as one rule per product:
 * {@code @ArchTest static final ArchRule walls = ProductArchitectureRules.of("org.millgate.inventory", "availability");}
 */
public final class ProductArchitectureRules {

	private ProductArchitectureRules() {
	}

	/**
	 * The rules of one product.
	 * @param basePackage the product's base package, e.g. {@code org.millgate.inventory}
	 * @param applicationPackages the names of its application packages below the base,
	 * e.g. {@code availability}
	 * @return the rules, checked together
	 */
	public static ArchRule of(String basePackage, String... applicationPackages) {
		String[] application = Arrays.stream(applicationPackages)
			.map((name) -> basePackage + "." + name + "..")
			.toArray(String[]::new);
		return CompositeArchRule.of(dependsOnlyOnItsWalls(basePackage))
			.and(knowsNoErpAdapter(basePackage))
			.and(applicationUsesNoSpring(basePackage, application))
			.and(webGoesThroughTheApplication(basePackage));
	}

	private static ArchRule dependsOnlyOnItsWalls(String basePackage) {
		return classes().that()
			.resideInAPackage(basePackage + "..")
			.should()
			.onlyDependOnClassesThat(resideOutsideOfPackage("org.millgate..")
				.or(resideInAnyPackage(basePackage + "..", "org.millgate.contracts..", "org.millgate.web..",
						"org.millgate.product.web..", "org.millgate.erp..")))
			.because("a product depends on api-contracts, product-web and erp-facade only: services never call "
					+ "each other, and know no gateway, policy or simulator");
	}

	private static ArchRule knowsNoErpAdapter(String basePackage) {
		return noClasses().that()
			.resideInAPackage(basePackage + "..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.millgate.erp.sap..", "org.millgate.erp.resilience..")
			.because("the ERP is reached through the facade's ports; which ERP answers is configuration, "
					+ "and consumers must never see ERP names");
	}

	private static ArchRule applicationUsesNoSpring(String basePackage, String[] applicationPackages) {
		return noClasses().that()
			.resideInAnyPackage(applicationPackages)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "jakarta.servlet..", basePackage + ".web..")
			.because("the product's rules hold whatever the transport: the caller reaches them as a plain record "
					+ "mapped by the web layer, never as Spring Security's token");
	}

	private static ArchRule webGoesThroughTheApplication(String basePackage) {
		return noClasses().that()
			.resideInAPackage(basePackage + ".web..")
			.should()
			.dependOnClassesThat(resideInAPackage("org.millgate.erp.port..").and(INTERFACES))
			.because("every ERP call passes the product's checks in the application layer");
	}

}
