package org.millgate.web;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationTests {

	@Test
	void should_keep_a_correlation_id_the_contracts_allow() {
		assertThat(Correlation.idFrom("plant-1000:line-4.42")).isEqualTo("plant-1000:line-4.42");
		assertThat(Correlation.idFrom("x".repeat(128))).isEqualTo("x".repeat(128));
		assertThat(Correlation.idFrom("12345678")).isEqualTo("12345678");
	}

	@Test
	void should_replace_a_correlation_id_the_contracts_do_not_allow() {
		assertThat(Correlation.idFrom("bad id\r\nX-Injected: 1")).matches("[0-9a-f-]{36}");
		assertThat(Correlation.idFrom("x".repeat(129))).matches("[0-9a-f-]{36}");
		assertThat(Correlation.idFrom("1234567")).matches("[0-9a-f-]{36}");
		assertThat(Correlation.idFrom(null)).matches("[0-9a-f-]{36}");
	}

	@Test
	void should_make_new_ids_as_random_version_four_uuids() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 1000; i++) {
			UUID id = UUID.fromString(Correlation.idFrom(null));
			assertThat(id.version()).isEqualTo(4);
			assertThat(id.variant()).isEqualTo(2);
			ids.add(id.toString());
		}
		assertThat(ids).hasSize(1000);
	}

	@Test
	void should_continue_a_valid_trace_with_a_new_span_and_its_flags() {
		String next = Correlation.continueTrace("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00");
		assertThat(next).startsWith("00-0af7651916cd43dd8448eb211c80319c-").endsWith("-00");
		assertThat(next).doesNotContain("b7ad6b7169203331");
	}

	@Test
	void should_start_a_new_trace_when_the_given_one_is_invalid() {
		assertThat(Correlation.continueTrace("00-00000000000000000000000000000000-b7ad6b7169203331-01"))
			.doesNotContain("00000000000000000000000000000000")
			.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
		assertThat(Correlation.continueTrace("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"))
			.doesNotContain("0af7651916cd43dd8448eb211c80319c");
		assertThat(Correlation.continueTrace("garbage")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
	}

}
