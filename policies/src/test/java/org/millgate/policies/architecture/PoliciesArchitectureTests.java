package org.millgate.policies.architecture;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.web.server.WebFilter;

import org.millgate.policies.core.AbstractRoutePolicy;
import org.millgate.policies.core.AbstractWebPolicy;
import org.millgate.policies.core.Policy;
import org.millgate.policies.core.PolicyOrder;
import org.millgate.policies.core.RoutePolicy;
import org.millgate.policies.core.WebPolicy;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The policies' walls and their one shape.
 */
@AnalyzeClasses(packages = "org.millgate.policies", importOptions = ImportOption.DoNotIncludeTests.class)
class PoliciesArchitectureTests {

	private static final DescribedPredicate<JavaClass> OTHER_MILLGATE_MODULES = resideInAPackage("org.millgate..")
		.and(DescribedPredicate
			.not(resideInAnyPackage("org.millgate.policies..", "org.millgate.contracts..", "org.millgate.web..")))
		.or(resideInAPackage("org.millgate.contracts.tools.."))
		.as("classes of Millgate modules other than api-contracts and web-core");

	@ArchTest
	static final ArchRule depends_on_contracts_and_web_core_only = noClasses().should()
		.dependOnClassesThat(OTHER_MILLGATE_MODULES)
		.because("DESIGN.md: the policies know the contracts and the rules every HTTP edge shares, never a "
				+ "product, the ERP facade, design-time contract tools or the gateway that wires them");

	@ArchTest
	static final ArchRule policies_do_not_block = noClasses().should()
		.callMethod(Mono.class, "block")
		.orShould()
		.callMethod(CompletableFuture.class, "join")
		.because("the policies run on Netty event-loop threads, which must never wait");

	@ArchTest
	static final ArchRule every_policy_has_the_one_shape = classes().that()
		.implement(Policy.class)
		.and()
		.doNotHaveModifier(JavaModifier.ABSTRACT)
		.should(declareTheirIdAndConfig())
		.because("every policy has an id and a typed configuration, as a Spring Cloud Gateway filter factory "
				+ "or a Gravitee policy does, so that documentation, logs and settings can name them");

	@ArchTest
	static final ArchRule route_policies_take_their_config_one_way = classes().that()
		.implement(RoutePolicy.class)
		.and()
		.doNotHaveModifier(JavaModifier.ABSTRACT)
		.should()
		.beAssignableTo(AbstractRoutePolicy.class)
		.because("a route policy is applied one way: its typed configuration read per route from its "
				+ "RouteConfigs, its filter ordered by PolicyOrder");

	@ArchTest
	static final ArchRule web_policies_have_the_one_shape = classes().that()
		.implement(WebPolicy.class)
		.and()
		.doNotHaveModifier(JavaModifier.ABSTRACT)
		.should()
		.beAssignableTo(AbstractWebPolicy.class)
		.because("a policy in front of every request has its id and place like every other");

	@ArchTest
	static final ArchRule route_filters_are_ordered_by_policy_order_only = noClasses().that()
		.doNotBelongToAnyOf(PolicyOrder.class)
		.should()
		.callConstructor(OrderedGatewayFilter.class, GatewayFilter.class, int.class)
		.because("a policy's order is written in one place, PolicyOrder");

	@ArchTest
	static final ArchRule web_filters_are_web_policies = classes().that()
		.implement(WebFilter.class)
		.and()
		.areNotInterfaces()
		.should()
		.implement(WebPolicy.class)
		.because("a filter in front of every request is a policy too, at its place in PolicyOrder");

	private static ArchCondition<JavaClass> declareTheirIdAndConfig() {
		return new ArchCondition<>("declare a public static final String ID and a nested public record Config") {
			@Override
			public void check(JavaClass javaClass, ConditionEvents events) {
				Class<?> type = javaClass.reflect();
				boolean id = Arrays.stream(type.getDeclaredFields())
					.anyMatch((field) -> field.getName().equals("ID") && field.getType() == String.class
							&& isPublicConstant(field));
				boolean config = Arrays.stream(type.getDeclaredClasses())
					.anyMatch((nested) -> nested.getSimpleName().equals("Config") && nested.isRecord()
							&& Modifier.isPublic(nested.getModifiers()));
				if (!id || !config) {
					events.add(SimpleConditionEvent.violated(javaClass,
							javaClass.getName() + " lacks" + (id ? "" : " a public static final String ID")
									+ (config ? "" : " a public record Config")));
				}
			}
		};
	}

	private static boolean isPublicConstant(Field field) {
		int modifiers = field.getModifiers();
		return Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers);
	}

}
