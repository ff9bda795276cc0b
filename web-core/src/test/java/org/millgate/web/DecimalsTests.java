package org.millgate.web;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One JSON form for every decimal: three decimals, zero included.
 */
class DecimalsTests {

	@Test
	void should_write_every_decimal_with_three_decimals_zero_included() {
		Map<String, Object> quantities = new LinkedHashMap<>();
		quantities.put("zero", BigDecimal.ZERO);
		quantities.put("whole", new BigDecimal("42"));
		quantities.put("fromErp", new BigDecimal("1440.000"));
		quantities.put("stripped", new BigDecimal("1E+2"));
		quantities.put("converted", new BigDecimal("0.33333333"));
		quantities.put("half", new BigDecimal("0.0125"));

		assertThat(JsonText.string(quantities)).isEqualTo(
				"{\"zero\":0.000,\"whole\":42.000,\"fromErp\":1440.000,\"stripped\":100.000,\"converted\":0.333,\"half\":0.012}");
	}

	@Test
	void should_keep_the_decimals_of_a_body_read_reshaped_and_written_again() {
		String stored = "{\"yieldQuantity\":2.000,\"scrapQuantity\":0.000}";

		assertThat(JsonText.string(JsonText.read(stored.getBytes(StandardCharsets.UTF_8)))).isEqualTo(stored);
	}

}
