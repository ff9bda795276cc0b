package org.millgate.contracts.access;

import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.ContractCatalog;

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

}
