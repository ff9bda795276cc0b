package org.millgate.erp.sap;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.millgate.erp.model.BillOfMaterial;
import org.millgate.erp.model.BomItem;
import org.millgate.erp.model.BomItemCategory;
import org.millgate.erp.model.BomUsage;
import org.millgate.erp.model.ConfirmationRequest;
import org.millgate.erp.model.MaterialMaster;
import org.millgate.erp.model.MaterialPlant;
import org.millgate.erp.model.MaterialType;
import org.millgate.erp.model.ProcurementType;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.model.UnitConversion;
import org.millgate.erp.model.UnitDefinition;
import org.millgate.erp.model.UnitDimension;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.MasterData;
import org.millgate.erp.port.MaterialPage;
import org.millgate.erp.port.MaterialQuery;
import org.millgate.testing.erp.ErpSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Master data read from every ERP release the simulator plays, over HTTP.
 */
class SapMasterDataTests {

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_read_a_material_with_its_units_weights_and_plants(String release) {
		MaterialMaster material = masterData(release).material("FG-110").block();

		assertThat(material.type()).isEqualTo(MaterialType.FINISHED);
		assertThat(material.baseUnit()).isEqualTo(UnitOfMeasure.of("H87"));
		assertThat(material.descriptions()).containsEntry("en", "Filter housing FH-110 with bypass")
			.containsEntry("de", "Filtergehäuse FH-110 mit Bypass");
		assertThat(material.erpLanguage()).isEqualTo("en");
		// KAR=12 and KG=4 in the ERP: 1 carton is 12 pieces, 4 kilograms are 1 piece
		assertThat(material.conversions()).extracting(UnitConversion::unit)
			.containsExactly(UnitOfMeasure.of("CT"), UnitOfMeasure.of("KGM"));
		UnitConversion kilogram = material.conversions().get(1);
		assertThat(kilogram.numerator()).isEqualByComparingTo("4");
		assertThat(kilogram.denominator()).isEqualByComparingTo("1");
		assertThat(material.netWeight().isSameAs(Quantity.of("0.25", "KGM"))).isTrue();
		assertThat(material.grossWeight().isSameAs(Quantity.of("0.27", "KGM"))).isTrue();
		assertThat(material.plants()).extracting(MaterialPlant::plant).containsExactly("1000", "2000");
		MaterialPlant plant = material.plants().get(0);
		assertThat(plant.procurementType()).isEqualTo(ProcurementType.IN_HOUSE);
		assertThat(plant.mrpController()).isEqualTo("001");
		assertThat(plant.storageLocations()).contains("0003");
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_read_the_bill_of_materials_valid_on_a_day(String release) {
		MasterData masterData = masterData(release);

		BillOfMaterial before = masterData
			.billOfMaterial("FG-100", "1000", BomUsage.PRODUCTION, LocalDate.of(2026, 6, 30))
			.block();
		BillOfMaterial after = masterData
			.billOfMaterial("FG-100", "1000", BomUsage.PRODUCTION, LocalDate.of(2026, 7, 1))
			.block();

		assertThat(before.baseQuantity().isSameAs(Quantity.of("1", "H87"))).isTrue();
		assertThat(before.items()).extracting(BomItem::component).containsExactly("RM-200", "RM-310", "PK-500");
		assertThat(after.items()).extracting(BomItem::component).containsExactly("RM-220", "RM-310", "PK-500");
		assertThat(after.items()).as("an engineering change keeps the item's number")
			.extracting(BomItem::item)
			.containsExactly("0010", "0020", "0030");
		BomItem granulate = before.items().get(0);
		assertThat(granulate.quantity().isSameAs(Quantity.of("0.35", "KGM"))).isTrue();
		assertThat(granulate.category()).isEqualTo(BomItemCategory.STOCK);
		assertThat(masterData.billOfMaterial("FG-100", "1000", BomUsage.ENGINEERING, LocalDate.of(2026, 6, 30))
			.blockOptional()).as("no engineering BOM").isEmpty();
		assertThat(masterData.billOfMaterial("FG-100", "1000", BomUsage.PRODUCTION, LocalDate.of(2023, 12, 31))
			.blockOptional()).as("before the BOM was valid").isEmpty();
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_list_the_plants_and_their_storage_locations(String release) {
		MasterData masterData = masterData(release);

		assertThat(masterData.plants().block().items()).extracting((plant) -> plant.plant())
			.containsExactly("1000", "2000");
		assertThat(masterData.storageLocations("1000").block().items())
			.extracting((location) -> location.storageLocation())
			.containsExactly("0001", "0002", "0003");
		assertThat(masterData.storageLocations("9999").block().items()).isEmpty();
	}

	@Test
	void should_page_through_the_materials_of_some_plants_without_losing_or_repeating_one() {
		MasterData masterData = masterData("2022");
		List<String> seen = new ArrayList<>();
		LocalDate afterChange = null;
		String after = null;
		do {
			MaterialPage page = masterData
				.materials(new MaterialQuery(Set.of("2000"), null, null, afterChange, after, 7))
				.block();
			page.items().forEach((material) -> {
				assertThat(material.plants()).extracting(MaterialPlant::plant).contains("2000");
				seen.add(material.id());
			});
			afterChange = page.nextChange();
			after = page.nextAfter();
		}
		while (after != null);

		assertThat(seen).doesNotHaveDuplicates().contains("FG-170", "HB-470").doesNotContain("FG-100", "HB-420");
		MaterialPage raw = masterData
			.materials(new MaterialQuery(Set.of("1000"), MaterialType.RAW, LocalDate.of(2025, 12, 1), null, null, 50))
			.block();
		assertThat(raw.items()).isNotEmpty()
			.allSatisfy((material) -> assertThat(material.type()).isEqualTo(MaterialType.RAW))
			.allSatisfy((material) -> assertThat(material.lastChanged()).isAfterOrEqualTo(LocalDate.of(2025, 12, 1)));
		assertThat(raw.more()).isFalse();
	}

	@Test
	void should_answer_not_found_for_an_unknown_material() {
		assertThatThrownBy(() -> masterData("2022").material("NOPE-1").block()).isInstanceOf(ErpFailure.NotFound.class);
	}

	@Test
	void should_know_the_decimals_of_each_unit_and_refuse_a_piece_with_decimals_before_the_erp() {
		SapErpFacade facade = Simulators.facade("2022");
		List<UnitDefinition> units = facade.masterData().units().block().items();
		assertThat(units).filteredOn((unit) -> unit.unit().code().equals("H87")).singleElement().satisfies((piece) -> {
			assertThat(piece.decimals()).isZero();
			assertThat(piece.dimension()).isEqualTo(UnitDimension.COUNT);
			assertThat(piece.isoCode()).isEqualTo("PCE");
		});
		assertThat(units).filteredOn((unit) -> unit.unit().code().equals("KGM"))
			.singleElement()
			.satisfies((kilogram) -> assertThat(kilogram.decimals()).isEqualTo(3));
		long before = ErpSimulator.of("2022").calls("confirmations", "POST");

		ErpFailure.LimitExceeded piece = catchThrowableOfType(ErpFailure.LimitExceeded.class,
				() -> facade.confirmations()
					.post(new ConfirmationRequest("1000001", "0010", Quantity.of("1.5", "H87"),
							new Quantity(BigDecimal.ZERO, UnitOfMeasure.of("H87")), false, null, null, null, null, null,
							UUID.randomUUID()))
					.block());

		assertThat(piece.erpMessage()).contains("1.5 H87", "no decimals");
		assertThat(ErpSimulator.of("2022").calls("confirmations", "POST")).isEqualTo(before);
	}

	private static MasterData masterData(String release) {
		return Simulators.facade(release).masterData();
	}

}
