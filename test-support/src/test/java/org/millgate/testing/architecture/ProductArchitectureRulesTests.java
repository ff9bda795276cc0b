package org.millgate.testing.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProductArchitectureRulesTests {

	private static final String SAMPLE = "org.millgate.testing.architecture.sample";

	@Test
	void should_fail_a_product_whose_application_takes_a_spring_type() {
		JavaClasses product = new ClassFileImporter().importPackages(SAMPLE);

		EvaluationResult result = ProductArchitectureRules.of(SAMPLE, "application").evaluate(product);

		assertThat(result.hasViolation()).isTrue();
		assertThat(result.getFailureReport().getDetails())
			.anySatisfy((detail) -> assertThat(detail).contains("LeakyUseCase").contains("HttpHeaders"));
	}

	@Test
	void should_pass_a_product_whose_application_is_plain() {
		JavaClasses product = new ClassFileImporter().importPackages(SAMPLE + ".web");

		EvaluationResult result = ProductArchitectureRules.of(SAMPLE, "web").evaluate(product);

		assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
	}

}
