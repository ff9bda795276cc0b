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
		assertThat(UNITS.check(new BigDecimal("1.5"), "H87")).hasValueSatisfying((why) -> assertThat(why)
			.startsWith("1.5 H87 has 1 decimal; a quantity in H87 (piece) has no decimals"));
		assertThat(UNITS.check(new BigDecimal("0.0001"), "KGM"))
			.hasValueSatisfying((why) -> assertThat(why).contains("has 4 decimals", "at most 3"));
		assertThat(UNITS.check(new BigDecimal("2.000"), "H87")).isEmpty();
		assertThat(UNITS.check(new BigDecimal("1E+2"), "H87")).isEmpty();
		assertThat(UNITS.check(new BigDecimal("0.125"), "KGM")).isEmpty();
		assertThat(UNITS.check(new BigDecimal("0.125"), "ZZ")).isEmpty();
		assertThat(UNITS.check(new BigDecimal("0.1255"), "ZZ")).isPresent();
	}

	@Test
	void should_refuse_more_than_ten_digits_before_the_point_and_tell_an_extreme_value_briefly() {
		assertThat(UNITS.check(new BigDecimal("9999999999.999"), "KGM")).isEmpty();
		assertThat(UNITS.check(new BigDecimal("10000000000"), "KGM"))
			.hasValue("10000000000 KGM has 11 digits before the decimal point; the ERP keeps at most 9999999999.999");
		// a billion zeros are neither written nor kept: the gateway once ran out of
		// memory
		assertThat(UNITS.check(new BigDecimal("1e-999999999"), "KGM"))
			.hasValue("1E-999999999 KGM has 999999999 decimals; a quantity in KGM (kilogram) has at most 3"
					+ " (GET /v1/units-of-measure of master-data)");
		assertThat(UNITS.check(new BigDecimal("1e999999999"), "KGM")).hasValueSatisfying(
				(why) -> assertThat(why).startsWith("1E+999999999 KGM has 1000000000 digits before the decimal point"));
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
