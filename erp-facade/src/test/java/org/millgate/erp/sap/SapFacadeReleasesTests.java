package org.millgate.erp.sap;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.millgate.erp.model.ConfirmationRequest;
import org.millgate.erp.model.Material;
import org.millgate.erp.model.MaterialBatch;
import org.millgate.erp.model.MaterialRequirement;
import org.millgate.erp.model.Operation;
import org.millgate.erp.model.ProcessingStatus;
import org.millgate.erp.model.ProductionOrder;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.model.Shipment;
import org.millgate.erp.model.StockPosition;
import org.millgate.erp.model.StockStatusChange;
import org.millgate.erp.model.StockType;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.OrderQuery;
import org.millgate.erp.port.Page;
import org.millgate.erp.port.ShipmentQuery;
import org.millgate.testing.erp.ErpSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The same canonical assertions against every ERP release the simulator plays, over HTTP:
 * the facade hides renamed actions, entity sets and fields and a service moved to OData
 * v4.
 */
class SapFacadeReleasesTests {

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_read_a_released_order_with_operations_and_components(String release) {
		ProductionOrder order = facade(release).productionOrders().order("1000001", true).block();

		assertThat(order.plant()).isEqualTo("1000");
		assertThat(order.material()).isEqualTo("FG-100");
		assertThat(order.planned().isSameAs(Quantity.of("100", "H87"))).isTrue();
		assertThat(order.progress().released()).isTrue();
		assertThat(order.progress().technicallyCompleted()).isFalse();
		assertThat(order.operations()).extracting(Operation::number).containsExactly("0010", "0020");
		assertThat(order.components()).hasSize(3).allSatisfy((component) -> {
			assertThat(component.orderId()).isEqualTo("1000001");
			assertThat(component.required().value()).isPositive();
		});
		assertThat(order.version()).startsWith("W/\"");
		assertThat(order.lastChanged()).isNotNull();
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_page_orders_of_a_plant_by_last_change_without_gaps_or_repeats(String release) {
		SapErpFacade facade = facade(release);
		Page<ProductionOrder> first = facade.productionOrders()
			.orders(new OrderQuery(Set.of("1000"), null, null, null, 40))
			.block();
		ProductionOrder last = first.items().get(first.items().size() - 1);
		Page<ProductionOrder> second = facade.productionOrders()
			.orders(new OrderQuery(Set.of("1000"), null, last.lastChanged(), last.id(), 200))
			.block();

		assertThat(first.items()).hasSize(40).allMatch((order) -> order.plant().equals("1000"));
		assertThat(first.more()).isTrue();
		assertThat(second.more()).isFalse();
		Set<String> ids = first.items().stream().map(ProductionOrder::id).collect(Collectors.toSet());
		second.items().forEach((order) -> assertThat(ids.add(order.id())).as(order.id()).isTrue());
		assertThat(ids).hasSize(111).contains("1000001", "1000002", "1000003").doesNotContain("2000001");
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_release_a_created_order_through_the_release_specific_action(String release) {
		SapErpFacade facade = facade(release);

		facade.productionOrders().release("1000002").block();

		assertThat(facade.productionOrders().order("1000002", false).block().progress().released()).isTrue();
		// releasing it again is refused for the order's state (CO/000, a configured
		// conflict code)
		assertThatThrownBy(() -> facade.productionOrders().release("1000002").block())
			.isInstanceOf(ErpFailure.Conflict.class)
			.hasMessageContaining("already released");
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_post_a_confirmation_once_per_external_id(String release) {
		SapErpFacade facade = facade(release);
		ConfirmationRequest request = new ConfirmationRequest("1000001", "0010", Quantity.of("40", "H87"),
				Quantity.of("2", "H87"), false, null, null, null, null, "first shift", UUID.randomUUID());

		var posted = facade.confirmations().post(request).block();

		assertThat(posted.id()).matches("\\d{10}-\\d+");
		assertThat(posted.yield().isSameAs(Quantity.of("40", "H87"))).isTrue();
		assertThat(posted.externalId()).isEqualTo(request.externalId());
		assertThatThrownBy(() -> facade.confirmations().post(request).block()).isInstanceOf(ErpFailure.Conflict.class);
		assertThat(facade.confirmations().ofOrder("1000001").collectList().block()).extracting((c) -> c.externalId())
			.containsOnlyOnce(request.externalId());
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_read_whether_a_confirmation_is_final_from_the_erp_field_it_writes(String release) {
		SapErpFacade facade = facade(release);
		ConfirmationRequest partial = new ConfirmationRequest("1000001", "0010", Quantity.of("40", "H87"),
				Quantity.of("0", "H87"), false, null, null, null, null, null, UUID.randomUUID());
		ConfirmationRequest last = new ConfirmationRequest("1000001", "0010", Quantity.of("60", "H87"),
				Quantity.of("0", "H87"), true, null, null, null, null, null, UUID.randomUUID());

		assertThat(facade.confirmations().post(partial).block().finalConfirmation()).isFalse();
		assertThat(facade.confirmations().post(last).block().finalConfirmation()).isTrue();
		assertThat(facade.confirmations().ofOrder("1000001").collectList().block())
			.extracting((confirmation) -> confirmation.finalConfirmation())
			.containsExactly(false, true);
		// the ERP keeps it in FinalConfirmationType, the field the post wrote
		assertThat(ErpSimulator.of(release)
			.read(SapRelease.CONFIRMATIONS + "/ProdnOrdConf2?$filter=OrderID eq '1000001'"
					+ "&$orderby=ConfirmationCount"))
			.extracting((row) -> row.get("FinalConfirmationType"))
			.containsExactly("", "X");
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_take_confirmed_available_quantities_from_the_erp_and_assume_none_it_does_not_keep(String release) {
		SapErpFacade facade = facade(release);
		String components = release.equals("2020") ? "A_ProductionOrderComponent_2" : "A_ProductionOrderComponent_3";
		// a component whose availability check confirmed less than it requires
		Map<String, Object> shortfall = ErpSimulator.of(release).componentConfirmedShort(components);

		ProductionOrder order = facade.productionOrders()
			.order((String) shortfall.get("ManufacturingOrder"), true)
			.block();
		MaterialRequirement component = order.components()
			.stream()
			.filter((candidate) -> candidate.item().equals(shortfall.get("ReservationItem")))
			.findFirst()
			.orElseThrow();
		assertThat(component.confirmedAvailable().value())
			.isEqualByComparingTo((String) shortfall.get("ConfirmedAvailableQuantity"))
			.isNotEqualByComparingTo(component.required().value());
		// the reservation service keeps no confirmed quantity: none is made up
		assertThat(facade.reservations().open("1000", List.of("FG-100", "RM-200")).block().items()).isNotEmpty()
			.allSatisfy((item) -> assertThat(item.confirmedAvailable()).isNull());
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_split_stock_by_type_in_the_base_unit(String release) {
		List<StockPosition> stock = facade(release).stockLevels().stock("1000", List.of("FG-100")).block().items();

		Map<StockType, BigDecimal> byType = stock.stream()
			.collect(Collectors.groupingBy(StockPosition::type,
					Collectors.reducing(BigDecimal.ZERO, (position) -> position.quantity().value(), BigDecimal::add)));
		assertThat(byType.get(StockType.UNRESTRICTED)).isEqualByComparingTo("500");
		assertThat(byType.get(StockType.QUALITY_INSPECTION)).isEqualByComparingTo("40");
		assertThat(byType.get(StockType.BLOCKED)).isEqualByComparingTo("10");
		assertThat(byType.get(StockType.IN_TRANSIT)).isEqualByComparingTo("25");
		assertThat(stock)
			.allSatisfy((position) -> assertThat(position.quantity().unit()).isEqualTo(UnitOfMeasure.of("H87")));
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_sum_open_reservations(String release) {
		List<MaterialRequirement> open = facade(release).reservations().open("1000", List.of("FG-100")).block().items();

		assertThat(open.stream().map((item) -> item.open().value()).reduce(BigDecimal.ZERO, BigDecimal::add))
			.isEqualByComparingTo("120");
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_read_shipment_steps(String release) {
		SapErpFacade facade = facade(release);
		Shipment ready = facade.deliveries().shipment("80000001", true).block();
		Shipment picking = facade.deliveries().shipment("80000003", false).block();

		assertThat(ready.shipTo()).isEqualTo("17100001");
		assertThat(ready.picking()).isEqualTo(ProcessingStatus.COMPLETE);
		assertThat(ready.packing()).isEqualTo(ProcessingStatus.COMPLETE);
		assertThat(ready.goodsMovement()).isEqualTo(ProcessingStatus.NOT_STARTED);
		assertThat(ready.blocked()).isFalse();
		assertThat(ready.items()).isNotEmpty().allSatisfy((item) -> assertThat(item.plant()).isEqualTo("1000"));
		assertThat(picking.picking()).isEqualTo(ProcessingStatus.PARTIAL);
		assertThat(facade.deliveries().shipment("80000002", false).block().goodsMovement())
			.isEqualTo(ProcessingStatus.COMPLETE);
		assertThat(facade.deliveries()
			.shipments(new ShipmentQuery(Set.of(), Set.of("17100001"), null, null, null, 500, false))
			.block()
			.items()).isNotEmpty().allMatch((shipment) -> shipment.shipTo().equals("17100001"));
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_date_a_delivery_never_changed_by_its_creation_and_page_on_a_key_no_delivery_lacks(String release) {
		SapErpFacade facade = facade(release);
		List<Shipment> all = facade.deliveries()
			.shipments(new ShipmentQuery(Set.of("1000"), Set.of(), null, null, null, 500, false))
			.block()
			.items();
		List<Shipment> paged = new ArrayList<>();
		Page<Shipment> page = null;
		do {
			Shipment last = (page != null) ? page.items().get(page.items().size() - 1) : null;
			page = facade.deliveries()
				.shipments(new ShipmentQuery(Set.of("1000"), Set.of(), null, (last != null) ? last.lastChanged() : null,
						(last != null) ? last.id() : null, 7, false))
				.block();
			paged.addAll(page.items());
		}
		while (page.more());

		// 81000001 was never changed: the ERP has no change date, only its creation
		assertThat(facade.deliveries().shipment("81000001", false).block().lastChanged())
			.isEqualTo(LocalDate.of(2026, 2, 27));
		assertThat(all).extracting(Shipment::id).contains("81000001", "80000001").doesNotHaveDuplicates();
		assertThat(all).isSortedAccordingTo(Comparator.comparing(Shipment::lastChanged).thenComparing(Shipment::id));
		assertThat(paged).extracting(Shipment::id).containsExactlyElementsOf(all.stream().map(Shipment::id).toList());
		assertThat(facade.deliveries()
			.shipments(new ShipmentQuery(Set.of("1000"), Set.of(), LocalDate.of(2026, 2, 27), null, null, 500, false))
			.block()
			.items()).extracting(Shipment::id).contains("81000001");
		assertThat(facade.deliveries()
			.shipments(new ShipmentQuery(Set.of("1000"), Set.of(), LocalDate.of(2026, 2, 28), null, null, 500, false))
			.block()
			.items()).extracting(Shipment::id).doesNotContain("81000001");
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_find_the_shipments_that_carry_a_batch(String release) {
		SapErpFacade facade = facade(release);
		List<MaterialBatch> batch = List.of(new MaterialBatch("FG-130", "1000", "FC260201"));

		List<Shipment> carrying = facade.deliveries().shipmentsWithBatches(Set.of("1000"), Set.of(), batch).block();

		assertThat(carrying).extracting(Shipment::id).contains("80000001").doesNotHaveDuplicates();
		assertThat(carrying).allSatisfy((shipment) -> assertThat(shipment.items())
			.anySatisfy((item) -> assertThat(item.batch()).isEqualTo("FC260201")));
		assertThat(facade.deliveries().shipmentsWithBatches(Set.of(), Set.of("17100001"), batch).block())
			.allSatisfy((shipment) -> assertThat(shipment.shipTo()).isEqualTo("17100001"))
			.extracting(Shipment::id)
			.contains("80000001");
		assertThat(facade.deliveries().shipmentsWithBatches(Set.of("2000"), Set.of(), batch).block()).isEmpty();
		assertThat(facade.deliveries().shipmentsWithBatches(Set.of(), Set.of(), List.of()).block()).isEmpty();
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_read_when_batch_stock_changed_status(String release) {
		SapErpFacade facade = facade(release);

		List<StockStatusChange> changes = facade.stockChanges().statusChanges(List.of("1000"), null, null).block();

		assertThat(changes).extracting((change) -> change.batch().batch()).containsExactly("FC260201", "FC260202");
		assertThat(changes).allSatisfy((change) -> {
			assertThat(change.batch().material()).isEqualTo("FG-130");
			assertThat(change.from()).isEqualTo(StockType.QUALITY_INSPECTION);
			assertThat(change.to()).isEqualTo(StockType.UNRESTRICTED);
			assertThat(change.postedOn()).isEqualTo(LocalDate.of(2026, 2, 26));
			assertThat(change.quantity().unit()).isEqualTo(UnitOfMeasure.of("H87"));
		});
		assertThat(facade.stockChanges()
			.statusChanges(List.of(), LocalDate.of(2026, 2, 26), LocalDate.of(2026, 2, 26))
			.block()).hasSize(2);
		assertThat(facade.stockChanges().statusChanges(List.of("2000"), null, null).block()).isEmpty();
		assertThat(facade.stockChanges().statusChanges(List.of("1000"), LocalDate.of(2026, 2, 27), null).block())
			.isEmpty();
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_read_materials_with_unit_conversions(String release) {
		SapErpFacade facade = facade(release);
		Material rawMaterial = facade.materials().material("RM-200").block();
		Material finished = facade.materials().material("FG-100").block();

		assertThat(rawMaterial.baseUnit()).isEqualTo(UnitOfMeasure.of("KGM"));
		assertThat(rawMaterial.batchManagedIn()).contains("1000");
		assertThat(rawMaterial.convert(Quantity.of("2", "KGM"), UnitOfMeasure.of("GRM")))
			.hasValueSatisfying((grams) -> assertThat(grams.value()).isEqualByComparingTo("2000"));
		assertThat(finished.convert(Quantity.of("1", "H87"), UnitOfMeasure.of("KGM"))).isEmpty();
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_answer_not_found_for_unknown_objects(String release) {
		SapErpFacade facade = facade(release);

		assertThatThrownBy(() -> facade.productionOrders().order("9999999", false).block())
			.isInstanceOf(ErpFailure.NotFound.class);
		assertThatThrownBy(() -> facade.deliveries().shipment("89999999", false).block())
			.isInstanceOf(ErpFailure.NotFound.class);
		assertThatThrownBy(() -> facade.materials().material("NOPE").block()).isInstanceOf(ErpFailure.NotFound.class);
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_accept_the_metadata_of_its_own_release(String release) {
		assertThat(facade(release).verifyMetadata(Duration.ofSeconds(10))).isEqualTo(9);
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2022" })
	void should_refuse_to_start_with_credentials_the_erp_refuses(String release) {
		SapErpFacade facade = Simulators.facade(release, "auth.password", "wrong");

		assertThatThrownBy(() -> facade.verifyMetadata(Duration.ofSeconds(10)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("refused the credentials")
			.hasMessageContaining("check millgate.erp.auth");
	}

	@ParameterizedTest(name = "S/4HANA {0}")
	@ValueSource(strings = { "2020", "2022", "2023" })
	void should_walk_every_order_of_a_plant_one_small_page_at_a_time(String release) {
		SapErpFacade facade = facade(release);
		List<String> seen = new ArrayList<>();
		Instant afterChange = null;
		String afterId = null;
		Page<ProductionOrder> page;
		do {
			page = facade.productionOrders()
				.orders(new OrderQuery(Set.of("2000"), null, afterChange, afterId, 7))
				.block();
			page.items().forEach((order) -> seen.add(order.id()));
			ProductionOrder last = page.items().get(page.items().size() - 1);
			afterChange = last.lastChanged();
			afterId = last.id();
		}
		while (page.more());

		assertThat(seen).hasSize(109).doesNotHaveDuplicates().allMatch((id) -> id.startsWith("2"));
	}

	@ParameterizedTest(name = "facade {0} against another release")
	@ValueSource(strings = { "2020", "2022" })
	void should_refuse_to_start_against_another_release(String release) {
		String other = release.equals("2020") ? "2022" : "2020";
		SapErpFacade facade = Simulators.facade(other, "base-url", ErpSimulator.of(release).baseUrl());

		assertThatThrownBy(() -> facade.verifyMetadata(Duration.ofSeconds(10)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("does not look like S/4HANA " + other)
			.hasMessageContaining("Set millgate.erp.release");
	}

	private static SapErpFacade facade(String release) {
		ErpSimulator.of(release).reset();
		return Simulators.facade(release);
	}

}
