package org.millgate.inventory.availability;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.millgate.contracts.problems.Rejection;
import org.millgate.erp.model.Material;
import org.millgate.erp.model.MaterialRequirement;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.model.StockPosition;
import org.millgate.erp.model.StockType;
import org.millgate.erp.model.UnitConversion;
import org.millgate.erp.model.UnitOfMeasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class AvailabilityCalculatorTests {

	private static final UnitOfMeasure PIECE = UnitOfMeasure.of("H87");

	private static final UnitOfMeasure CARTON = UnitOfMeasure.of("CT");

	private static final Material PUMP = new Material("FG-1", "Pump", PIECE,
			List.of(new UnitConversion(CARTON, new BigDecimal("12"), BigDecimal.ONE)), Set.of());

	@Test
	void should_never_answer_a_negative_availability_and_flag_over_allocation() {
		MaterialAvailability availability = calculate(Breakdown.NONE, null,
				List.of(stock("0001", StockType.UNRESTRICTED, "10", false)), List.of(reservation("0001", "25", "0")));

		assertThat(availability.totals().available()).isEqualByComparingTo("0");
		assertThat(availability.totals().overAllocated()).isTrue();
	}

	@Test
	void should_leave_special_stock_out_and_count_production_supply() {
		MaterialAvailability availability = calculate(Breakdown.NONE, null,
				List.of(stock("0001", StockType.UNRESTRICTED, "10", false),
						stock("0002", StockType.UNRESTRICTED, "5", false),
						stock("0001", StockType.UNRESTRICTED, "99", true)),
				List.of());

		assertThat(availability.totals().onHand()).isEqualByComparingTo("15");
		assertThat(availability.totals().productionConsumable()).isEqualByComparingTo("5");
	}

	@Test
	void should_count_restricted_and_receipt_blocked_stock_as_blocked_and_transfers_as_in_transit() {
		MaterialAvailability availability = calculate(Breakdown.NONE, null,
				List.of(stock("0001", StockType.RESTRICTED, "1", false),
						stock("0001", StockType.GOODS_RECEIPT_BLOCKED, "2", false),
						stock("0001", StockType.RETURNS_BLOCKED, "3", false),
						stock(null, StockType.TRANSFER_PLANT, "4", false),
						stock("0001", StockType.TRANSFER_STORAGE_LOCATION, "5", false)),
				List.of());

		assertThat(availability.totals().blocked()).isEqualByComparingTo("6");
		assertThat(availability.totals().inTransit()).isEqualByComparingTo("9");
	}

	@Test
	void should_allocate_reservations_to_their_storage_location_and_keep_unplaced_ones_in_the_totals() {
		MaterialAvailability availability = calculate(Breakdown.STORAGE_LOCATION, null,
				List.of(stock("0001", StockType.UNRESTRICTED, "10", false)),
				List.of(reservation("0001", "4", "1"), reservation(null, "2", "0")));

		assertThat(availability.totals().allocated()).isEqualByComparingTo("5");
		assertThat(availability.breakdown()).singleElement().satisfies((part) -> {
			assertThat(part.storageLocation()).isEqualTo("0001");
			assertThat(part.figures().allocated()).isEqualByComparingTo("3");
		});
	}

	@Test
	void should_convert_every_figure_or_refuse_the_unit() {
		MaterialAvailability cartons = calculate(Breakdown.NONE, UnitOfMeasure.of("CT"),
				List.of(stock("0001", StockType.UNRESTRICTED, "24", false)), List.of());

		assertThat(cartons.totals().onHand()).isEqualByComparingTo("2");
		assertThatThrownBy(() -> calculate(Breakdown.NONE, UnitOfMeasure.of("KGM"),
				List.of(stock("0001", StockType.UNRESTRICTED, "24", false)), List.of()))
			.isInstanceOf(Rejection.class)
			.hasMessageContaining("no conversion from H87 to KGM");
	}

	@Test
	void should_take_each_quantity_in_the_unit_the_erp_states_and_convert_it_never_assume_the_base_unit() {
		// 10 pieces and 2 cartons (24 pieces) on hand, 1 carton (12 pieces) reserved
		List<StockPosition> stock = List.of(stock("0001", StockType.UNRESTRICTED, "10", false),
				stock("0001", StockType.UNRESTRICTED, new Quantity(new BigDecimal("2"), CARTON)));
		List<MaterialRequirement> reserved = List
			.of(reservation("0001", new Quantity(new BigDecimal("1"), CARTON), new Quantity(BigDecimal.ZERO, CARTON)));

		MaterialAvailability pieces = calculate(Breakdown.STORAGE_LOCATION, null, stock, reserved);
		MaterialAvailability cartons = calculate(Breakdown.NONE, CARTON, stock, reserved);

		assertThat(pieces.unit()).isEqualTo(PIECE);
		assertThat(pieces.totals().onHand()).isEqualByComparingTo("34");
		assertThat(pieces.totals().allocated()).isEqualByComparingTo("12");
		assertThat(pieces.totals().available()).isEqualByComparingTo("22");
		assertThat(pieces.breakdown()).singleElement().satisfies((part) -> {
			assertThat(part.figures().onHand()).isEqualByComparingTo("34");
			assertThat(part.figures().allocated()).isEqualByComparingTo("12");
		});
		assertThat(cartons.totals().allocated()).isEqualByComparingTo("1");
		assertThat(cartons.totals().onHand().multiply(BigDecimal.valueOf(12))).isCloseTo(new BigDecimal("34"),
				within(new BigDecimal("0.000001")));
	}

	@Test
	void should_refuse_stock_in_a_unit_the_material_cannot_convert_rather_than_count_it_as_base_units() {
		List<StockPosition> stock = List.of(stock("0001", StockType.UNRESTRICTED, "10", false),
				stock("0001", StockType.UNRESTRICTED, new Quantity(new BigDecimal("3"), UnitOfMeasure.of("KGM"))));

		assertThatThrownBy(() -> calculate(Breakdown.NONE, null, stock, List.of())).isInstanceOf(Rejection.class)
			.hasMessageContaining("no conversion from KGM to H87");
	}

	private static MaterialAvailability calculate(Breakdown breakdown, UnitOfMeasure unit, List<StockPosition> stock,
			List<MaterialRequirement> reservations) {
		return AvailabilityCalculator.calculate(
				new AvailabilityCalculator.Request("FG-1", "1000", null, null, unit, breakdown), PUMP, stock,
				reservations, List.of("0002"), Instant.parse("2026-03-02T08:00:00Z"));
	}

	private static StockPosition stock(String storageLocation, StockType type, String quantity, boolean special) {
		return new StockPosition("FG-1", "1000", storageLocation, null, type, special,
				new Quantity(new BigDecimal(quantity), PIECE));
	}

	private static StockPosition stock(String storageLocation, StockType type, Quantity quantity) {
		return new StockPosition("FG-1", "1000", storageLocation, null, type, false, quantity);
	}

	private static MaterialRequirement reservation(String storageLocation, String required, String withdrawn) {
		return reservation(storageLocation, new Quantity(new BigDecimal(required), PIECE),
				new Quantity(new BigDecimal(withdrawn), PIECE));
	}

	private static MaterialRequirement reservation(String storageLocation, Quantity required, Quantity withdrawn) {
		return new MaterialRequirement("0009000001", "0001", null, null, "FG-1", "1000", storageLocation, null,
				required, withdrawn, null, null, false);
	}

}
