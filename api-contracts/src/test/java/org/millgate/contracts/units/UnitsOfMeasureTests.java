package org.millgate.contracts.units;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.CatalogException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UnitsOfMeasureTests {

	private static final UnitsOfMeasure UNITS = UnitsOfMeasure.standard();

	@Test
	void should_give_a_piece_no_decimals_and_a_kilogram_three() {
		assertThat(UNITS.decimals("H87")).isZero();
		assertThat(UNITS.decimals("KGM")).isEqualTo(3);
		assertThat(UNITS.find("H87")).get().extracting(UnitOfMeasure::isoCode).isEqualTo("PCE");
		assertThat(UNITS.all()).extracting(UnitOfMeasure::code).isSorted().contains("H87", "KGM", "MTR", "HUR");
	}

	@Test
	void should_give_a_unit_it_does_not_hold_the_decimals_of_the_erp_quantity_type() {
		assertThat(UNITS.find("ZZ")).isEmpty();
		assertThat(UNITS.decimals("ZZ")).isEqualTo(UnitsOfMeasure.QUANTITY_SCALE);
	}

	@Test
	void should_tell_why_a_quantity_has_too_many_decimals_for_its_unit() {
		assertThat(UNITS.checkDecimals(new BigDecimal("1.5"), "H87")).hasValueSatisfying(
				(why) -> assertThat(why).startsWith("1.5 H87 has 1 decimal; a quantity in H87 has no decimals"));
		assertThat(UNITS.checkDecimals(new BigDecimal("0.0001"), "KGM"))
			.hasValueSatisfying((why) -> assertThat(why).contains("has 4 decimals", "at most 3"));
		assertThat(UNITS.checkDecimals(new BigDecimal("2.000"), "H87")).isEmpty();
		assertThat(UNITS.checkDecimals(new BigDecimal("1E+2"), "H87")).isEmpty();
		assertThat(UNITS.checkDecimals(new BigDecimal("0.125"), "KGM")).isEmpty();
		assertThat(UNITS.checkDecimals(new BigDecimal("0.125"), "ZZ")).isEmpty();
		assertThat(UNITS.checkDecimals(new BigDecimal("0.1255"), "ZZ")).isPresent();
	}

	@Test
	void should_refuse_a_table_a_reader_could_misread() throws Exception {
		ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
		assertThatExceptionOfType(CatalogException.class).isThrownBy(() -> UnitsOfMeasure.of(yaml.readTree(
				"units: [{code: H87, isoCode: PCE, dimension: COUNT, decimals: 0, name: piece}, {code: H87, isoCode: PCE, dimension: COUNT, decimals: 3, name: piece}]")))
			.withMessageContaining("defined twice");
		assertThatExceptionOfType(CatalogException.class)
			.isThrownBy(() -> UnitsOfMeasure
				.of(yaml.readTree("units: [{code: H87, isoCode: PCE, dimension: COUNT, decimals: 4, name: piece}]")))
			.withMessageContaining("decimals");
		assertThatExceptionOfType(CatalogException.class)
			.isThrownBy(() -> UnitsOfMeasure
				.of(yaml.readTree("units: [{code: H87, isoCode: PCE, dimension: PIECES, decimals: 0, name: piece}]")))
			.withMessageContaining("dimension");
		assertThatExceptionOfType(CatalogException.class)
			.isThrownBy(() -> UnitsOfMeasure.of(yaml.readTree("units: [{code: H87, dimension: COUNT, decimals: 0}]")))
			.withMessageContaining("isoCode");
	}

}
