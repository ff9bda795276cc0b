package org.millgate.contracts.tools.erpimpact;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The limits of an ERP property as {@code $metadata} states them, and the longest value a
 * contract's pattern admits.
 */
class ErpTypeTests {

	@Test
	void should_read_the_limits_of_each_notation() {
		ErpType text = ErpType.parse("Edm.String(12) not null");
		ErpType quantity = ErpType.parse("Edm.Decimal[13,3]");

		assertThat(text).isEqualTo(new ErpType("Edm.String", 12, null, null, false));
		assertThat(quantity.maximum()).isEqualByComparingTo(new BigDecimal("9999999999.999"));
		assertThat(quantity.decimals()).isEqualTo(3);
		assertThat(ErpType.parse("Edm.Decimal[5,0]").maximum()).isEqualByComparingTo("99999");
		assertThat(ErpType.parse("Edm.String(max)").maxLength()).isNull();
		assertThat(ErpType.parse("Edm.Int32").decimals()).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> ErpType.parse("Edm.String(40"));
	}

	@Test
	void should_tell_what_narrowed_and_nothing_when_a_limit_only_widened() {
		ErpType forty = ErpType.parse("Edm.String(40)");

		assertThat(ErpType.parse("Edm.String(30)").narrowedFrom(forty)).isEqualTo("MaxLength 40 → 30");
		assertThat(ErpType.parse("Edm.String(60)").narrowedFrom(forty)).isNull();
		assertThat(ErpType.parse("Edm.String(40) not null").narrowedFrom(forty)).isEqualTo("Nullable true → false");
		assertThat(ErpType.parse("Edm.Decimal[13,2]").narrowedFrom(ErpType.parse("Edm.Decimal[13,3]")))
			.isEqualTo("Scale 3 → 2");
		assertThat(ErpType.parse("Edm.Int32").narrowedFrom(forty)).contains("type changed");
	}

	@Test
	void should_bound_the_patterns_contracts_use_for_identifiers() {
		assertThat(PatternLength.max("^[0-9]{4}$")).isEqualTo(4);
		assertThat(PatternLength.max("^[A-Z0-9]{1,4}$")).isEqualTo(4);
		assertThat(PatternLength.max("^[A-Z0-9]{2,3}$")).isEqualTo(3);
		assertThat(PatternLength.max("^[A-Z][A-Z0-9-]{0,39}$")).isEqualTo(40);
		assertThat(PatternLength.max("^(?:[0-9]{10}|[A-Z]{2}[0-9]{6})-[0-9]{1,8}$")).isEqualTo(19);
		assertThat(PatternLength.max("^\\d{3}\\.x?$")).isEqualTo(5);
		// unbounded, unanchored or beyond this reading: any length
		assertThat(PatternLength.max("^[A-Z]+$")).isNull();
		assertThat(PatternLength.max("^[A-Z]{2,}$")).isNull();
		assertThat(PatternLength.max("[A-Z]{2}")).isNull();
		assertThat(PatternLength.max("^(?=x)[a-z]{2}$")).isNull();
		assertThat(PatternLength.max(null)).isNull();
	}

}
