package org.millgate.contracts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.tools.pacts.MessageExpectation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message a consumer expects (the message pacts in {@code pacts/messages}) is one
 * the event contract promises, checked offline against the AsyncAPI document of its event
 * product: its data against the message's payload schema, every header it names against
 * the header's schema. Provider {@code <product>-events} is the event product
 * {@code <product>}, major version 1.
 */
@Order(10)
class MessagePactsKeepTheEventContractsTests {

	private static final Path MESSAGES = Path.of(System.getProperty("pact.rootDir", "pacts"), "messages");

	private static final ContractCatalog CATALOG = ContractCatalog.load();

	@Test
	void everyExpectedMessageIsOneTheEventContractPromises() {
		List<MessageExpectation> expectations = MessageExpectation.readAll(MESSAGES);
		assertThat(expectations).as("message interactions in " + MESSAGES.toAbsolutePath())
			.hasSizeGreaterThanOrEqualTo(3);
		List<String> broken = new ArrayList<>();
		for (MessageExpectation expectation : expectations) {
			broken.addAll(expectation.violations(CATALOG.eventContract(expectation.product(), "v1").orElseThrow()));
		}
		assertThat(broken).as("expected messages their event contracts do not promise").isEmpty();
	}

	@Test
	void anExpectationTheContractDoesNotPromiseIsNamedWithItsConsumerAndMessage() throws Exception {
		MessageExpectation expectation = MessageExpectation
			.of("mes", "production-orders-events", new ObjectMapper().readTree(
					"""
							{"description": "a release with its priority",
							 "contents": {"content": {"orderId": "1000043", "priority": 1}},
							 "metadata": {"ce_type": "dev.millgate.production-orders.order-released", "ce_source": "/elsewhere"}}
							"""));
		List<String> broken = expectation.violations(CATALOG.eventContract("production-orders", "v1").orElseThrow());
		assertThat(broken).anySatisfy((line) -> assertThat(line)
			.startsWith("mes → production-orders-events: \"a release with its priority\": data")
			.contains("priority"));
		assertThat(broken).anySatisfy((line) -> assertThat(line).contains("headers: ce_source"));
	}

}
