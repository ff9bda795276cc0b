package org.millgate.contracts.problems;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProblemTypesTests {

	private final ProblemTypes types = ProblemTypes.load();

	@Test
	void should_document_every_code_the_platform_answers_with() {
		assertThat(this.types.all()).extracting(ProblemType::code)
			.contains("request.invalid", "cursor.invalid", "idempotency.keyMissing", "auth.tokenInvalid",
					"auth.insufficientScope", "resource.notFound", "rateLimit.exceeded", "erp.unavailable",
					"erp.timeout", "server.internalError", "version.retired");
		assertThat(this.types.get("order.notReleasable").status()).isEqualTo(409);
		assertThat(this.types.get("cursor.invalid").type()).hasToString("https://millgate.dev/problems/cursor-invalid");
	}

	@Test
	void should_refuse_an_undocumented_code() {
		assertThat(this.types.byCode("nonsense.code")).isEmpty();
		assertThatThrownBy(() -> this.types.get("nonsense.code")).hasMessage("undocumented problem code nonsense.code");
	}

}
