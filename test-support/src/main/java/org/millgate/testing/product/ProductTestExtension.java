package org.millgate.testing.product;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import org.springframework.test.context.junit.jupiter.SpringExtension;

import org.millgate.testing.TestTokens;
import org.millgate.testing.contracts.DeclaredAnswers;
import org.millgate.testing.erp.ErpSimulator;
import org.millgate.testing.events.TestKafka;

/**
 * Starts what a {@link ProductTest} talks to before its Spring context is made: the
 * tokens' key set and, where the module has it, the ERP simulator; their URLs reach the
 * context as system properties. After the test class, checks that every answer it got is
 * declared by the product's contracts.
 */
final class ProductTestExtension implements BeforeAllCallback, AfterAllCallback {

	static final String ISSUER = TestTokens.ISSUER;

	static final String JWK_SET_URI_PROPERTY = "millgate.test.jwk-set-uri";

	static final String REVOCATIONS_URI_PROPERTY = "millgate.test.revocations-uri";

	private static final String SIMULATOR = "org.millgate.erpsim.ErpSimulatorApplication";

	static final String KAFKA_PROPERTY = TestKafka.BOOTSTRAP_PROPERTY;

	private static final String BROKER = "org.millgate.broker.EmbeddedBroker";

	@Override
	public void beforeAll(ExtensionContext context) {
		System.setProperty(JWK_SET_URI_PROPERTY, TestTokens.get().jwkSetUri());
		System.setProperty(REVOCATIONS_URI_PROPERTY, TestTokens.get().revocationsUri());
		if (isPresent(SIMULATOR)) {
			ErpSimulator.shared();
		}
		// a product with events gets a real Kafka: the platform's embedded broker
		if (isPresent(BROKER)) {
			TestKafka.shared();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		List<DeclaredAnswers.Exchange> exchanges = DeclaredAnswers.drain();
		boolean check = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), ProductTest.class)
			.map(ProductTest::checkDeclaredAnswers)
			.orElse(false);
		if (!check) {
			return;
		}
		String product = SpringExtension.getApplicationContext(context)
			.getEnvironment()
			.getProperty("millgate.product.id");
		List<String> undeclared = DeclaredAnswers.undeclared(product, exchanges);
		if (!undeclared.isEmpty()) {
			throw new AssertionError("Answers of " + context.getRequiredTestClass().getSimpleName() + " that the "
					+ product + " contracts do not declare:\n  " + String.join("\n  ", undeclared));
		}
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, ProductTestExtension.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

}
