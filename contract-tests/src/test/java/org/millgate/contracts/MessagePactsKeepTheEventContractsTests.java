package org.millgate.contracts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.millgate.testing.events.EventContracts;

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

	private static final JsonMapper JSON = JsonMapper.builder().build();

	// metadata Pact adds of its own, no record header
	private static final List<String> PACT_METADATA = List.of("contentType");

	@Test
	void everyExpectedMessageIsOneTheEventContractPromises() throws IOException {
		List<String> broken = new ArrayList<>();
		int messages = 0;
		try (Stream<Path> files = Files.list(MESSAGES)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".json")).sorted().toList()) {
				JsonNode pact = JSON.readTree(file.toFile());
				for (JsonNode interaction : pact.path("interactions")) {
					messages++;
					broken.addAll(check(pact.path("consumer").path("name").asString(),
							pact.path("provider").path("name").asString(), interaction));
				}
			}
		}
		assertThat(messages).as("message interactions in " + MESSAGES.toAbsolutePath()).isGreaterThanOrEqualTo(3);
		assertThat(broken).as("expected messages their event contracts do not promise").isEmpty();
	}

	@Test
	void anExpectationTheContractDoesNotPromiseIsNamedWithItsConsumerAndMessage() {
		JsonNode interaction = JSON.readTree("""
				{"description": "a release with its priority",
				 "contents": {"content": {"orderId": "1000043", "priority": 1}},
				 "metadata": {"ce_type": "dev.millgate.production-orders.order-released", "ce_source": "/elsewhere"}}
				""");
		List<String> broken = check("mes", "production-orders-events", interaction);
		assertThat(broken).anySatisfy((line) -> assertThat(line)
			.startsWith("mes → production-orders-events: \"a release with its priority\": data")
			.contains("priority"));
		assertThat(broken).anySatisfy((line) -> assertThat(line).contains("headers: ce_source"));
	}

	private static List<String> check(String consumer, String provider, JsonNode interaction) {
		String product = provider.replaceFirst("-events$", "");
		Map<String, String> headers = new LinkedHashMap<>();
		interaction.path("metadata").properties().forEach((entry) -> {
			if (!PACT_METADATA.contains(entry.getKey())) {
				headers.put(entry.getKey(), entry.getValue().asString());
			}
		});
		JsonNode content = interaction.path("contents").path("content");
		List<String> broken = new ArrayList<>();
		for (String violation : EventContracts.violations(product, "v1", headers, content.toString(), false)) {
			broken.add(consumer + " → " + provider + ": \"" + interaction.path("description").asString() + "\": "
					+ violation);
		}
		return broken;
	}

}
