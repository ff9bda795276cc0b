package org.millgate.contracts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.tools.pacts.PactCheck;
import org.millgate.contracts.tools.pacts.PactInteraction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every interaction of every consumer pact keeps the contract of the version it calls,
 * checked offline ({@link PactCheck}: requests exactly, responses as a subset). A failure
 * names the consumer, the interaction and the violation.
 */
@Order(10)
class PactsKeepTheContractsTests {

	private static final Path PACTS = Path.of(System.getProperty("pact.rootDir", "pacts"));

	private final ContractCatalog catalog = ContractCatalog.load();

	@Test
	void everyInteractionKeepsTheContractItCalls() {
		List<PactInteraction> interactions = PactInteraction.readAll(PACTS);
		assertThat(interactions).as("pact interactions in " + PACTS.toAbsolutePath()).isNotEmpty();
		List<String> broken = new ArrayList<>();
		interactions.forEach((interaction) -> broken.addAll(check(interaction)));
		assertThat(broken).as("consumer interactions that break their contract").isEmpty();
	}

	@Test
	void anExpectationTheContractDoesNotPromiseIsNamedWithItsConsumerAndInteraction() throws Exception {
		List<String> broken = check(interaction("""
				{"description": "orders with their priority",
				 "request": {"method": "GET", "path": "/v1/production-orders",
				             "query": {"plant": ["1000"], "limit": ["1000"]}},
				 "response": {"status": 200,
				              "body": {"content": {"items": [{"orderId": "1000043", "priority": 1}]}}}}
				"""));
		assertThat(broken).anySatisfy((line) -> assertThat(line)
			.startsWith("mes → production-orders: \"orders with their priority\" (GET /v1/production-orders): request")
			.contains("limit"));
		assertThat(broken).anySatisfy((line) -> assertThat(line).contains("response").contains("priority"));
	}

	@Test
	void aBreakingEditOfARealContractFailsNamingTheConsumerInteraction() {
		ContractDocument current = this.catalog.contract("production-orders", "v1").orElseThrow();
		ContractDocument edited = ContractDocument.of(current.name(),
				current.source().replace("plannedQuantity", "quantityPlanned"));
		assertThat(edited.source()).isNotEqualTo(current.source());

		List<String> broken = new ArrayList<>();
		PactInteraction.readAll(PACTS)
			.stream()
			.filter((interaction) -> interaction.provider().equals("production-orders")
					&& interaction.version().equals("v1"))
			.forEach((interaction) -> broken.addAll(new PactCheck(edited).violations(interaction)));

		assertThat(broken).isNotEmpty()
			.allSatisfy((line) -> assertThat(line).startsWith(
					"mes → production-orders: \"the released orders of plant 1000\" (GET /v1/production-orders): response")
				.contains("plannedQuantity"));
	}

	@Test
	void aPactThatExpectsSuccessForHalfAPieceIsToldThePlatformRefusesIt() throws Exception {
		String halfAPiece = """
				{"description": "half a piece",
				 "request": {"method": "POST", "path": "/v1/production-orders/1000001/confirmations",
				             "headers": {"Content-Type": "application/json", "Idempotency-Key": "key-000001"},
				             "body": {"content": {"operation": "0010", "yieldQuantity": 1.5, "unit": "H87",
				                                      "finalConfirmation": false}}},
				 "response": {"status": %d}}
				""";

		// (the response bodies are left out: their own checks are not what this is about)
		assertThat(check(interaction(halfAPiece.formatted(201))))
			.anySatisfy((line) -> assertThat(line).contains("request /yieldQuantity", "1.5 H87 has 1 decimal",
					"the platform answers 422 erp.limitExceeded, not 201"))
			.noneSatisfy((line) -> assertThat(line).contains("request /:"));
		assertThat(check(interaction(halfAPiece.formatted(422))))
			.noneSatisfy((line) -> assertThat(line).contains("request"));
	}

	@Test
	void aPartialExpectationOfAKeptContractPasses() throws Exception {
		assertThat(check(interaction("""
				{"description": "order ids only",
				 "request": {"method": "GET", "path": "/v1/production-orders", "query": {"plant": ["1000"]}},
				 "response": {"status": 200, "body": {"content": {"items": [{"orderId": "1000043"}]}}}}
				"""))).isEmpty();
	}

	private List<String> check(PactInteraction interaction) {
		ContractDocument contract = this.catalog.contract(interaction.provider(), interaction.version()).orElse(null);
		if (contract == null) {
			return List.of(interaction.label() + ": no contract " + interaction.provider() + " " + interaction.version()
					+ " in the catalog");
		}
		return new PactCheck(contract).violations(interaction);
	}

	private static PactInteraction interaction(String json) throws Exception {
		JsonNode node = new ObjectMapper().readTree(json);
		return PactInteraction.of("mes", "production-orders", node);
	}

}
