package org.millgate.web;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTextTests {

	@Test
	void should_give_the_same_text_for_the_same_content_whatever_the_order_and_the_number_form() {
		assertThat(canonical("{\"b\":1.50,\"a\":[100, 2.000]}"))
			.isEqualTo(canonical("{ \"a\": [1E+2, 2], \"b\": 1.5 }"))
			.isEqualTo("{\"a\":[100,2],\"b\":1.5}");
	}

	@Test
	void should_not_write_out_the_zeros_of_an_extreme_exponent() {
		// plain, this would be a text of a billion characters: a request's digest once
		// ran a service out of memory
		assertThat(canonical("{\"value\":1e-999999999}")).isEqualTo("{\"value\":1E-999999999}");
		assertThat(canonical("{\"value\":1e999999999}")).isEqualTo("{\"value\":1E+999999999}");
	}

	private static String canonical(String json) {
		return JsonText.canonical(JsonText.read(json.getBytes(StandardCharsets.UTF_8)));
	}

}
