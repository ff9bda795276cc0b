package org.millgate.contracts.tools.pacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.validation.EventValidator;

/**
 * One message a consumer expects of an event product, as its message pact (Pact V4
 * asynchronous messages, in {@code pacts/messages}) writes it: the metadata it names (the
 * CloudEvents headers) and the data it gives as an example. The provider
 * {@code <product>-events} is the event product {@code <product>} read from Kafka;
 * {@code <product>-webhooks} the same events delivered as webhooks, whose body is the
 * event in structured mode (its attributes stand for the {@code ce_} headers, its
 * {@code data} for the record's value; the delivery's own headers are not the
 * contract's).
 *
 * @param consumer the consumer
 * @param provider the provider, e.g. {@code production-orders-events}
 * @param description the interaction's description
 * @param metadata the headers it names
 * @param content the data it expects, JSON
 */
public record MessageExpectation(String consumer, String provider, String description, Map<String, String> metadata,
		String content) {

	private static final ObjectMapper JSON = new ObjectMapper();

	// metadata Pact adds of its own, no record header
	private static final List<String> PACT_METADATA = List.of("contentType");

	public MessageExpectation {
		metadata = Map.copyOf(metadata);
	}

	/**
	 * The event product it is an expectation of.
	 * @return e.g. {@code production-orders}
	 */
	public String product() {
		return this.provider.replaceFirst("-(events|webhooks)$", "");
	}

	/**
	 * A label for reports.
	 * @return e.g. {@code mes → production-orders-events: "the release of ..."}
	 */
	public String label() {
		return this.consumer + " → " + this.provider + ": \"" + this.description + "\"";
	}

	/**
	 * What the event contract does not promise of this expectation (the subset rule:
	 * fewer fields than promised is fine, a field, type or format it lacks is not).
	 * @param contract the event product version's AsyncAPI document
	 * @return the violations, each with the label
	 */
	public List<String> violations(ContractDocument contract) {
		return EventValidator.violations(contract, this.metadata, this.content, false)
			.stream()
			.map((violation) -> label() + ": " + violation)
			.toList();
	}

	/**
	 * Every message interaction of the message pacts in a directory.
	 * @param directory e.g. {@code contract-tests/pacts/messages}
	 * @return the expectations; none when there is no such directory
	 */
	public static List<MessageExpectation> readAll(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		List<MessageExpectation> all = new ArrayList<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".json")).sorted().toList()) {
				JsonNode pact = JSON.readTree(file.toFile());
				for (JsonNode interaction : pact.path("interactions")) {
					all.add(of(pact.path("consumer").path("name").asText(), pact.path("provider").path("name").asText(),
							interaction));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return all;
	}

	/**
	 * An expectation of one interaction of a message pact.
	 * @param consumer the consumer
	 * @param provider the provider
	 * @param interaction the interaction's JSON
	 * @return the expectation
	 */
	public static MessageExpectation of(String consumer, String provider, JsonNode interaction) {
		Map<String, String> metadata = new LinkedHashMap<>();
		JsonNode content = interaction.path("contents").path("content");
		if (provider.endsWith("-webhooks")) {
			// a webhook's body is the event in structured mode: its attributes are what
			// the
			// record's ce_ headers are in Kafka, its data the record's value
			content.fields().forEachRemaining((attribute) -> {
				if (attribute.getKey().equals("datacontenttype")) {
					metadata.put("content-type", attribute.getValue().asText());
				}
				else if (!attribute.getKey().equals("data")) {
					metadata.put("ce_" + attribute.getKey(), attribute.getValue().asText());
				}
			});
			return new MessageExpectation(consumer, provider, interaction.path("description").asText(), metadata,
					content.path("data").toString());
		}
		interaction.path("metadata").fields().forEachRemaining((entry) -> {
			if (!PACT_METADATA.contains(entry.getKey())) {
				metadata.put(entry.getKey(), entry.getValue().asText());
			}
		});
		return new MessageExpectation(consumer, provider, interaction.path("description").asText(), metadata,
				content.toString());
	}

}
