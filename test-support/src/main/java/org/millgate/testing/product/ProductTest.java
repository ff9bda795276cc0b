package org.millgate.testing.product;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;

import org.millgate.testing.contracts.DeclaredAnswers;

/**
 * A product service over real HTTP on a random port, trusting {@code TestTokens}' issuer
 * (and reading its revocation list) and talking to the shared {@code ErpSimulator} (when
 * the module has it on its test classpath), with ERP settings that fail fast: one
 * attempt, a 1 s read timeout, no stock cache, a circuit breaker that does not open. One
 * Spring context per product: every test class with this annotation and no further
 * properties shares it.
 * <p>
 * Every answer the server gives is recorded, and after each test class every answer to an
 * operation of the product's contracts is checked against the contract of its version:
 * status declared for the operation, body as declared ({@link DeclaredAnswers}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ProductTestExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "millgate.product.issuer=" + ProductTestExtension.ISSUER,
				"millgate.product.jwk-set-uri=${" + ProductTestExtension.JWK_SET_URI_PROPERTY + "}",
				"millgate.product.revocations-uri=${" + ProductTestExtension.REVOCATIONS_URI_PROPERTY + "}",
				"millgate.product.revocation-refresh=200ms",
				"spring.kafka.bootstrap-servers=${" + ProductTestExtension.KAFKA_PROPERTY + ":127.0.0.1:9}",
				"millgate.product.events.interval=200ms",
				// a product's tests publish the change feed's watermark themselves
				"millgate.product.events.change-feed-watermarks=" + ProductTest.WATERMARKS,
				"millgate.product.cursor-secret=a-test-cursor-secret-of-32-bytes-at-least",
				"millgate.erp.base-url=${millgate.test.erp-base-url:http://127.0.0.1:9}",
				"millgate.erp.retry.max-attempts=1", "millgate.erp.circuit-breaker.minimum-calls=1000",
				"millgate.erp.cache.stock=0s", "millgate.erp.timeouts.read=1s" })
@AutoConfigureWebTestClient
@Import(DeclaredAnswers.Recorder.class)
public @interface ProductTest {

	/**
	 * The change feed's watermark topic in product tests: a product whose events wait for
	 * the feed delivers them once a test publishes a watermark past them
	 * ({@code TestKafka.watermark}).
	 */
	String WATERMARKS = "millgate.test.change-feed.watermarks";

	/**
	 * Whether to check every answer against the contract after the test class; only a
	 * test of the starter itself, which provokes every kind of answer on one operation of
	 * a borrowed contract, turns it off.
	 * @return true to check
	 */
	boolean checkDeclaredAnswers() default true;

}
