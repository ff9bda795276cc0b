package org.millgate.policies.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationPolicyTests {

	@Test
	void aSaneCorrelationIdIsKept() {
		assertThat(CorrelationPolicy.correlationId("plant-1000:line-4.42")).isEqualTo("plant-1000:line-4.42");
	}

	@Test
	void anInsaneCorrelationIdIsReplaced() {
		assertThat(CorrelationPolicy.correlationId("bad id\r\nX-Injected: 1")).matches("[0-9a-f-]{36}");
		assertThat(CorrelationPolicy.correlationId("x".repeat(65))).matches("[0-9a-f-]{36}");
		assertThat(CorrelationPolicy.correlationId(null)).matches("[0-9a-f-]{36}");
	}

	@Test
	void newIdsAreRandomVersionFourUuids() {
		java.util.Set<String> ids = new java.util.HashSet<>();
		for (int i = 0; i < 1000; i++) {
			java.util.UUID id = java.util.UUID.fromString(CorrelationPolicy.correlationId(null));
			assertThat(id.version()).isEqualTo(4);
			assertThat(id.variant()).isEqualTo(2);
			ids.add(id.toString());
		}
		assertThat(ids).hasSize(1000);
	}

	@Test
	void aValidTraceIsContinuedWithANewSpan() {
		String next = CorrelationPolicy.continueTrace("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		assertThat(next).startsWith("00-0af7651916cd43dd8448eb211c80319c-").endsWith("-01");
		assertThat(next).doesNotContain("b7ad6b7169203331");
	}

	@Test
	void anInvalidTraceStartsANewOne() {
		assertThat(CorrelationPolicy.continueTrace("00-00000000000000000000000000000000-b7ad6b7169203331-01"))
			.doesNotContain("00000000000000000000000000000000")
			.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
		assertThat(CorrelationPolicy.continueTrace("garbage")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
	}

}
