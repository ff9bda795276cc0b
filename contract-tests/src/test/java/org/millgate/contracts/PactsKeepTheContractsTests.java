package org.millgate.contracts;

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

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.validation.RequestValidator;
import org.millgate.contracts.validation.RequestViolation;
import org.millgate.contracts.validation.ResponseValidator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every interaction of every consumer pact keeps the contract of the version it calls,
 * checked offline (what PactFlow sells as bi-directional contracts): the request must be
 * one the contract accepts; the expected response may name fewer fields than the contract
 * promises, but no field, type or format the contract does not have. A failure names the
 * consumer, the interaction and the violation.
 */
@Order(10)
class PactsKeepTheContractsTests {

	private static final Path PACTS = Path.of(System.getProperty("pact.rootDir", "pacts"));

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ContractCatalog catalog = ContractCatalog.load();

	@Test
	void everyInteractionKeepsTheContractItCalls() throws IOException {
		List<Path> pacts = pactFiles();
		assertThat(pacts).as("pacts in " + PACTS.toAbsolutePath()).isNotEmpty();
		List<String> broken = new ArrayList<>();
		int interactions = 0;
		for (Path pact : pacts) {
			JsonNode root = JSON.readTree(Files.readString(pact));
			String consumer = root.path("consumer").path("name").asString();
			String provider = root.path("provider").path("name").asString();
			for (JsonNode interaction : root.path("interactions")) {
				interactions++;
				broken.addAll(check(consumer, provider, interaction));
			}
		}
		assertThat(interactions).isPositive();
		assertThat(broken).as("consumer interactions that break their contract").isEmpty();
	}

	@Test
	void anExpectationTheContractDoesNotPromiseIsNamedWithItsConsumerAndInteraction() {
		JsonNode interaction = JSON.readTree("""
				{"description": "orders with their priority",
				 "request": {"method": "GET", "path": "/v1/production-orders",
				             "query": {"plant": ["1000"], "limit": ["1000"]}},
				 "response": {"status": 200, "headers": {"Content-Type": ["application/json"]},
				              "body": {"content": {"items": [{"orderId": "1000043", "priority": 1}]}}}}
				""");
		List<String> broken = check("mes", "production-orders", interaction);
		assertThat(broken).anySatisfy((line) -> assertThat(line)
			.startsWith("mes → production-orders: \"orders with their priority\" (GET /v1/production-orders): request")
			.contains("limit"));
		assertThat(broken).anySatisfy((line) -> assertThat(line).contains("response").contains("priority"));
	}

	@Test
	void aPartialExpectationOfAKeptContractPasses() {
		JsonNode interaction = JSON.readTree("""
				{"description": "order ids only",
				 "request": {"method": "GET", "path": "/v1/production-orders", "query": {"plant": ["1000"]}},
				 "response": {"status": 200, "body": {"content": {"items": [{"orderId": "1000043"}]}}}}
				""");
		assertThat(check("mes", "production-orders", interaction)).isEmpty();
	}

	/**
	 * The violations of one interaction.
	 * @param consumer the consumer
	 * @param provider the product
	 * @param interaction the interaction
	 * @return one line per violation, naming consumer and interaction
	 */
	List<String> check(String consumer, String provider, JsonNode interaction) {
		String description = interaction.path("description").asString();
		JsonNode request = interaction.path("request");
		String method = request.path("method").asString();
		String path = request.path("path").asString();
		String label = consumer + " → " + provider + ": \"" + description + "\" (" + method + " " + path + "): ";
		String version = path.split("/")[1];
		ContractDocument contract = this.catalog.contract(provider, version).orElse(null);
		if (contract == null) {
			return List.of(label + "no contract " + provider + " " + version + " in the catalog");
		}
		List<String> broken = new ArrayList<>();
		for (RequestViolation violation : new RequestValidator(contract).validate(method, path,
				multi(request.path("query")), multi(request.path("headers")), body(request))) {
			broken.add(label + "request " + violation.pointer() + ": " + violation.message());
		}
		JsonNode response = interaction.path("response");
		for (RequestViolation violation : ResponseValidator.forConsumerExpectations(contract)
			.validate(method, path, response.path("status").asInt(), multi(response.path("headers")), body(response))) {
			broken.add(label + "response " + violation.pointer() + ": " + violation.message());
		}
		return broken;
	}

	private static Map<String, List<String>> multi(JsonNode node) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		node.properties().forEach((entry) -> {
			List<String> list = new ArrayList<>();
			if (entry.getValue().isArray()) {
				entry.getValue().forEach((value) -> list.add(value.asString()));
			}
			else {
				list.add(entry.getValue().asString());
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
		String text = content.isString() ? content.asString() : JSON.writeValueAsString(content);
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static List<Path> pactFiles() {
		if (!Files.isDirectory(PACTS)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(PACTS)) {
			return files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
