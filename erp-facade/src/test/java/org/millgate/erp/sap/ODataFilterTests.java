package org.millgate.erp.sap;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ODataFilterTests {

	@Test
	void should_quote_strings_and_double_their_quotes() {
		assertThat(ODataFilter.eq("Material", "FG-100' or Material ne '").toString())
			.isEqualTo("Material eq 'FG-100'' or Material ne '''");
	}

	@Test
	void should_render_typed_literals_as_odata_v2() {
		assertThat(ODataFilter.ge("LastChangeDate", LocalDate.of(2026, 3, 2)).toString())
			.isEqualTo("LastChangeDate ge datetime'2026-03-02T00:00:00'");
		assertThat(ODataFilter.eq("Quantity", new BigDecimal("12.5")).toString()).isEqualTo("Quantity eq 12.5M");
		assertThat(ODataFilter.eq("Flag", false).toString()).isEqualTo("Flag eq false");
		assertThat(ODataFilter.eq("Id", UUID.fromString("6f1c2d3e-0000-4000-8000-000000000001")).toString())
			.isEqualTo("Id eq guid'6f1c2d3e-0000-4000-8000-000000000001'");
	}

	@Test
	void should_join_conditions_with_parentheses_where_precedence_needs_them() {
		ODataFilter filter = ODataFilter.eq("Plant", "1000")
			.and(ODataFilter.in("Material", List.of("A", "B")))
			.and(ODataFilter.gt("X", "1").or(ODataFilter.eq("Y", "2")));

		assertThat(filter)
			.hasToString("Plant eq '1000' and (Material eq 'A' or Material eq 'B') and (X gt '1' or Y eq '2')");
	}

	@Test
	void should_refuse_a_property_name_that_is_not_an_identifier() {
		assertThatThrownBy(() -> ODataFilter.eq("Plant eq '1' or Plant", "2"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> ODataFilter.in("Plant", List.of())).isInstanceOf(IllegalArgumentException.class);
	}

}
