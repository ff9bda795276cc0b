package org.millgate.contracts.tools.pacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One HTTP interaction of a consumer pact: what the consumer sends and what it expects.
 *
 * @param consumer the consumer
 * @param provider the product
 * @param description the interaction's description
 * @param method the request method
 * @param path the request path
 * @param query the query parameters
 * @param requestHeaders the request headers
 * @param requestBody the request body, empty for none
 * @param status the expected status
 * @param responseHeaders the expected response headers
 * @param responseBody the expected response body, empty for none
 */
public record PactInteraction(String consumer, String provider, String description, String method, String path,
		Map<String, List<String>> query, Map<String, List<String>> requestHeaders, byte[] requestBody, int status,
		Map<String, List<String>> responseHeaders, byte[] responseBody) {

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * The version the interaction calls, from its path.
	 * @return e.g. {@code v1}
	 */
	public String version() {
		String[] segments = this.path.split("/");
		return (segments.length > 1) ? segments[1] : "";
	}

	/**
	 * How a report names the interaction.
	 * @return consumer, product, description and request line
	 */
	public String label() {
		return this.consumer + " → " + this.provider + ": \"" + this.description + "\" (" + this.method + " "
				+ this.path + ")";
	}

	/**
	 * Every interaction of every pact file in a directory.
	 * @param directory the directory
	 * @return the interactions, file by file
	 */
	public static List<PactInteraction> readAll(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			List<PactInteraction> all = new ArrayList<>();
			for (Path file : files.filter((f) -> f.toString().endsWith(".json")).sorted().toList()) {
				all.addAll(read(file));
			}
			return all;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The interactions of one pact file.
	 * @param file the file
	 * @return its interactions
	 */
	public static List<PactInteraction> read(Path file) {
		try {
			return of(JSON.readTree(Files.readString(file)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(file + " cannot be read", ex);
		}
	}

	/**
	 * The interactions of a pact document.
	 * @param pact the document
	 * @return its interactions
	 */
	public static List<PactInteraction> of(JsonNode pact) {
		String consumer = pact.path("consumer").path("name").asText();
		String provider = pact.path("provider").path("name").asText();
		List<PactInteraction> interactions = new ArrayList<>();
		for (JsonNode interaction : pact.path("interactions")) {
			interactions.add(of(consumer, provider, interaction));
		}
		return interactions;
	}

	/**
	 * One interaction of a pact document.
	 * @param consumer the consumer
	 * @param provider the product
	 * @param interaction the interaction's node
	 * @return the interaction
	 */
	public static PactInteraction of(String consumer, String provider, JsonNode interaction) {
		JsonNode request = interaction.path("request");
		JsonNode response = interaction.path("response");
		return new PactInteraction(consumer, provider, interaction.path("description").asText(),
				request.path("method").asText(), request.path("path").asText(), multi(request.path("query")),
				multi(request.path("headers")), body(request), response.path("status").asInt(),
				multi(response.path("headers")), body(response));
	}

	private static Map<String, List<String>> multi(JsonNode node) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		node.fields().forEachRemaining((entry) -> {
			List<String> list = new ArrayList<>();
			if (entry.getValue().isArray()) {
				entry.getValue().forEach((value) -> list.add(value.asText()));
			}
			else {
				list.add(entry.getValue().asText());
			}
			values.put(entry.getKey(), list);
		});
		return values;
	}

	private static byte[] body(JsonNode message) {
		JsonNode content = message.path("body").path("content");
		if (content.isMissingNode() || content.isNull()) {
			return new byte[0];
		}
		try {
			String text = content.isTextual() ? content.asText() : JSON.writeValueAsString(content);
			return text.getBytes(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
