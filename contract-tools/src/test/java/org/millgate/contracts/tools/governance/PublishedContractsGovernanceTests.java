package org.millgate.contracts.tools.governance;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.ContractCatalog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The governance rules, one test each, over every contract in the catalog. A failure
 * lists each violation with its document and JSON path.
 */
class PublishedContractsGovernanceTests {

	private static List<ReviewedContract> contracts;

	@BeforeAll
	static void loadCatalog() {
		contracts = ContractCatalog.load().contracts().stream().map(ReviewedContract::of).toList();
	}

	@Test
	void every_document_parses_with_no_errors_or_warnings() {
		assertRuleHolds("parses-cleanly");
	}

	@Test
	void every_example_validates_against_its_schema() {
		assertRuleHolds("examples-valid");
	}

	@Test
	void every_request_and_response_body_has_an_example() {
		assertRuleHolds("examples-present");
	}

	@Test
	void operation_ids_are_unique_across_all_contracts() {
		assertRuleHolds("unique-operation-ids");
	}

	@Test
	void every_4xx_and_5xx_response_is_problem_json() {
		assertRuleHolds("problem-responses");
	}

	@Test
	void the_problem_schema_is_the_same_in_every_contract() {
		assertRuleHolds("shared-problem-schema");
	}

	@Test
	void paths_are_versioned_and_kebab_case() {
		assertRuleHolds("kebab-case-paths");
	}

	@Test
	void properties_are_camel_case() {
		assertRuleHolds("camel-case-properties");
	}

	@Test
	void every_operation_declares_security_and_a_scope() {
		assertRuleHolds("operation-security");
	}

	@Test
	void every_list_is_paginated() {
		assertRuleHolds("paginated-lists");
	}

	@Test
	void no_string_parameter_is_unconstrained() {
		assertRuleHolds("constrained-string-parameters");
	}

	@Test
	void responses_document_the_platform_headers() {
		assertRuleHolds("standard-response-headers");
	}

	@Test
	void every_operation_declares_the_platform_errors() {
		assertRuleHolds("error-responses-declared");
	}

	@Test
	void every_problem_uses_a_documented_problem_type() {
		assertRuleHolds("problem-types-registered");
	}

	@Test
	void every_quantity_written_to_the_erp_is_checked_by_the_units_table() {
		assertRuleHolds("quantities-named");
	}

	@Test
	void every_rule_has_a_test_here() {
		assertThat(ContractRules.all()).extracting(ContractRule::id)
			.containsExactlyInAnyOrder("parses-cleanly", "examples-valid", "examples-present", "unique-operation-ids",
					"problem-responses", "shared-problem-schema", "kebab-case-paths", "camel-case-properties",
					"operation-security", "paginated-lists", "constrained-string-parameters",
					"standard-response-headers", "error-responses-declared", "quantities-named",
					"problem-types-registered");
	}

	private static void assertRuleHolds(String id) {
		ContractRule rule = ContractRules.byId(id).orElseThrow();
		List<String> violations = rule.checkAll(contracts).stream().map(Violation::toString).toList();
		assertThat(violations).as("%s: %s", id, rule.description()).isEmpty();
	}

}
