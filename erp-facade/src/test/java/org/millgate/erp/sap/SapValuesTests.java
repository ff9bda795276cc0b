package org.millgate.erp.sap;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.millgate.erp.model.UnitDimension;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.model.UnitTable;
import org.millgate.erp.port.ErpFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SapValuesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void should_read_v2_and_v4_forms_of_the_same_values() {
		JsonNode v2 = json("{\"Q\":\"12.500\",\"D\":\"/Date(1772409600000)/\",\"T\":\"PT15H51M04S\",\"F\":\"X\"}");
		JsonNode v4 = json("{\"Q\":12.5,\"D\":\"2026-03-02\",\"T\":\"15:51:04\",\"F\":true}");

		for (JsonNode entity : new JsonNode[] { v2, v4 }) {
			assertThat(SapValues.decimal(entity, "Q")).isEqualByComparingTo("12.5");
			assertThat(SapValues.dateTime(entity, "D")).isEqualTo(LocalDateTime.of(2026, 3, 2, 0, 0));
			assertThat(SapValues.time(entity, "T")).isEqualTo(LocalTime.of(15, 51, 4));
			assertThat(SapValues.flag(entity, "F")).isTrue();
		}
	}

	@Test
	void should_report_unreadable_values_as_malformed_naming_the_field() {
		JsonNode entity = json("{\"Q\":\"twelve\",\"D\":\"yesterday\",\"F\":42}");

		assertThatThrownBy(() -> SapValues.decimal(entity, "Q")).isInstanceOf(ErpFailure.Malformed.class)
			.hasMessageContaining("Q");
		assertThatThrownBy(() -> SapValues.dateTime(entity, "D")).isInstanceOf(ErpFailure.Malformed.class);
		assertThatThrownBy(() -> SapValues.flag(entity, "F")).isInstanceOf(ErpFailure.Malformed.class);
		assertThatThrownBy(() -> SapValues.text(entity, "Missing")).isInstanceOf(ErpFailure.Malformed.class)
			.hasMessageContaining("lacks the field Missing");
	}

	@Test
	void should_map_sap_units_to_un_ece_codes_and_back() {
		SapUnits units = new SapUnits(Map.of("ZBX", "BX"), TestUnits.TABLE);

		assertThat(units.canonical("ST")).isEqualTo(UnitOfMeasure.of("H87"));
		assertThat(units.canonical("KG")).isEqualTo(UnitOfMeasure.of("KGM"));
		assertThat(units.canonical("ZBX")).isEqualTo(UnitOfMeasure.of("BX"));
		assertThat(units.sap(UnitOfMeasure.of("H87"))).isEqualTo("ST");
		assertThat(units.sap(UnitOfMeasure.of("BX"))).isEqualTo("ZBX");
		assertThatThrownBy(() -> units.canonical("QQQ")).isInstanceOf(ErpFailure.Malformed.class)
			.hasMessageContaining("millgate.erp.units");
	}

	@Test
	void should_take_decimals_from_the_table_and_give_a_unit_it_lacks_those_of_the_quantity_type() {
		SapUnits units = new SapUnits(Map.of("ZBX", "BX"), TestUnits.TABLE);

		assertThat(units.decimals(UnitOfMeasure.of("H87"))).isZero();
		assertThat(units.decimals(UnitOfMeasure.of("KGM"))).isEqualTo(3);
		assertThat(units.decimals(UnitOfMeasure.of("BX"))).as("mapped, not in the table").isEqualTo(3);
		assertThat(units.definitions()).filteredOn((unit) -> unit.unit().code().equals("MTR"))
			.singleElement()
			.satisfies((metre) -> {
				assertThat(metre.dimension()).isEqualTo(UnitDimension.OTHER);
				assertThat(metre.name()).isEqualTo("M");
			});
		assertThat(new SapUnits(Map.of(), UnitTable.NONE).decimals(UnitOfMeasure.of("H87"))).isEqualTo(3);
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

}
