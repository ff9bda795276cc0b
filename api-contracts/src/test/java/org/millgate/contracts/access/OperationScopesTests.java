package org.millgate.contracts.access;

import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;

import static org.assertj.core.api.Assertions.assertThat;

class OperationScopesTests {

	private final OperationScopes scopes = OperationScopes
		.of(ContractCatalog.load().contract("production-orders", "v1").orElseThrow());

	@Test
	void should_give_the_scope_each_operation_requires() {
		assertThat(this.scopes.find("GET", "/v1/production-orders"))
			.hasValueSatisfying((entry) -> assertThat(entry.scope()).isEqualTo("production-orders:read"));
		assertThat(this.scopes.find("POST", "/v1/production-orders/1000001/confirmations"))
			.hasValueSatisfying((entry) -> {
				assertThat(entry.scope()).isEqualTo("production-orders:write");
				assertThat(entry.operationId()).isEqualTo("createConfirmation");
			});
		assertThat(this.scopes.find("GET", "/v1/production-orders/1000001/confirmations"))
			.hasValueSatisfying((entry) -> assertThat(entry.scope()).isEqualTo("production-orders:read"));
	}

	@Test
	void should_find_nothing_for_paths_and_methods_the_contract_lacks() {
		assertThat(this.scopes.find("DELETE", "/v1/production-orders/1000001")).isEmpty();
		assertThat(this.scopes.find("GET", "/v1/production-orders/1000001/extra")).isEmpty();
		assertThat(this.scopes.find("GET", "/v2/production-orders")).isEmpty();
	}

	@Test
	void should_match_the_literal_parts_of_a_path_literally() {
		OperationScopes scopes = OperationScopes.of(ContractDocument.of("files/v1.yaml", """
				openapi: 3.0.3
				info: {title: t, version: '1'}
				paths:
				  /v1/files/{name}.json:
				    get:
				      security: [{oauth2: ['files:read']}]
				      responses: {'200': {description: ok}}
				"""));

		assertThat(scopes.find("GET", "/v1/files/plan.json")).isPresent();
		assertThat(scopes.find("GET", "/v1/files/planXjson")).as("'.' is a dot, not any character").isEmpty();
		assertThat(scopes.find("GET", "/v1/files/a/b.json")).isEmpty();
	}

}
