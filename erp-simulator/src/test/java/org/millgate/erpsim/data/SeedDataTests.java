package org.millgate.erpsim.data;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The seed: its fixtures exactly, its bulk in every status, consistent and deterministic.
 */
class SeedDataTests {

	private static final ErpData DATA = SeedData.generate(1);

	private static final Map<String, List<String>> COLUMNS = Map.ofEntries(
			entry("Product",
					List.of("Product", "ProductType", "BaseUnit", "ProductGroup", "GrossWeight", "NetWeight",
							"WeightUnit", "IsBatchManagementRequired", "IsMarkedForDeletion", "LastChangeDate")),
			entry("ProductDescription", List.of("Product", "Language", "ProductDescription")),
			entry("ProductPlant",
					List.of("Product", "Plant", "IsBatchManagementRequired", "MRPType", "MRPResponsible",
							"ProcurementType")),
			entry("ProductStorageLocation",
					List.of("Product", "Plant", "StorageLocation", "WarehouseStorageBin", "IsMarkedForDeletion")),
			entry("BillOfMaterial",
					List.of("BillOfMaterial", "BillOfMaterialCategory", "BillOfMaterialVariant",
							"BillOfMaterialVersion", "EngineeringChangeDocument", "Material", "Plant",
							"BillOfMaterialVariantUsage", "HeaderValidityStartDate", "HeaderValidityEndDate",
							"BOMHeaderBaseUnit", "BOMHeaderQuantityInBaseUnit", "IsMarkedForDeletion")),
			entry("BillOfMaterialItem", List.of("BillOfMaterial", "BillOfMaterialCategory", "BillOfMaterialVariant",
					"BillOfMaterialVersion", "BillOfMaterialItemNodeNumber", "HeaderChangeDocument", "Material",
					"Plant", "BillOfMaterialItemNumber", "BillOfMaterialComponent", "BillOfMaterialItemCategory",
					"BillOfMaterialItemQuantity", "BillOfMaterialItemUnit", "ValidityStartDate", "ValidityEndDate")),
			entry("Plant", List.of("Plant", "PlantName", "FactoryCalendar", "Language")),
			entry("StorageLocation", List.of("Plant", "StorageLocation", "StorageLocationName")),
			entry("ProductUnitOfMeasure",
					List.of("Product", "AlternativeUnit", "QuantityNumerator", "QuantityDenominator")),
			entry("ProductionOrder",
					List.of("ManufacturingOrder", "ManufacturingOrderType", "ManufacturingOrderText", "Material",
							"ProductionPlant", "Plant", "StorageLocation", "ProductionVersion", "BillOfOperationsGroup",
							"MfgOrderCreationDate", "MfgOrderPlannedStartDate", "MfgOrderPlannedStartTime",
							"MfgOrderPlannedEndDate", "MfgOrderPlannedEndTime", "MfgOrderScheduledStartDate",
							"MfgOrderScheduledEndDate", "MfgOrderActualReleaseDate", "ProductionUnit", "TotalQuantity",
							"MfgOrderPlannedScrapQty", "MfgOrderConfirmedYieldQty", "MfgOrderConfirmedScrapQty",
							"ActualDeliveredQuantity", "OrderIsCreated", "OrderIsReleased", "OrderIsPartiallyReleased",
							"OrderIsConfirmed", "OrderIsPartiallyConfirmed", "OrderIsDelivered",
							"OrderIsPartiallyDelivered", "OrderIsTechnicallyCompleted", "OrderIsClosed",
							"OrderIsMarkedForDeletion", "OrderIsLocked", "LastChangeDateTime")),
			entry("ProductionOrderOperation",
					List.of("ManufacturingOrder", "ManufacturingOrderOperation", "ManufacturingOrderSequence",
							"MfgOrderOperationText", "WorkCenter", "ProductionPlant", "OpPlannedTotalQuantity",
							"OpTotalConfirmedYieldQty", "OpTotalConfirmedScrapQty", "OperationUnit",
							"OpErlstSchedldExecStrtDte", "OpErlstSchedldExecEndDte", "OperationIsReleased",
							"OperationIsPartiallyConfirmed", "OperationIsConfirmed")),
			entry("ProductionOrderStatus",
					List.of("ManufacturingOrder", "StatusCode", "StatusShortName", "StatusName", "IsUserStatus")),
			entry("ReservationItem",
					List.of("Reservation", "ReservationItem", "ReservationRecordType", "ManufacturingOrder",
							"ManufacturingOrderOperation", "Material", "Plant", "StorageLocation", "Batch",
							"RequiredQuantity", "WithdrawnQuantity", "ConfirmedAvailableQuantity", "BaseUnit",
							"MatlCompRequirementDate", "ReservationIsFinallyIssued", "GoodsMovementIsAllowed")),
			entry("Confirmation",
					List.of("ConfirmationGroup", "ConfirmationCount", "OrderID", "OrderOperation", "Sequence",
							"Material", "Plant", "WorkCenter", "ConfirmationUnit", "ConfirmationYieldQuantity",
							"ConfirmationScrapQuantity", "ConfirmationReworkQuantity", "FinalConfirmationType",
							"IsFinalConfirmation", "IsReversed", "IsReversal", "PostingDate",
							"ConfirmedExecutionStartDate", "ConfirmedExecutionStartTime", "ConfirmedExecutionEndDate",
							"ConfirmedExecutionEndTime", "VarianceReasonCode", "ConfirmationText",
							"ExternalSystemConfirmation", "EnteredByUser", "ConfirmationEntryDateTime")),
			entry("MaterialStock",
					List.of("Material", "Plant", "StorageLocation", "Batch", "Supplier", "Customer",
							"InventorySpecialStockType", "InventoryStockType", "MaterialBaseUnit",
							"MatlWrhsStkQtyInMatlBaseUnit")),
			entry("DeliveryHeader",
					List.of("DeliveryDocument", "DeliveryDocumentType", "ShippingPoint", "SoldToParty", "ShipToParty",
							"OverallPickingStatus", "OverallPickingConfStatus", "OverallPackingStatus",
							"OverallGoodsMovementStatus", "OverallProofOfDeliveryStatus",
							"OverallWarehouseActivityStatus", "TotalBlockStatus", "PlannedGoodsIssueDate",
							"ActualGoodsMovementDate", "DeliveryDate", "CreationDate", "LastChangeDate")),
			entry("DeliveryItem",
					List.of("DeliveryDocument", "DeliveryDocumentItem", "Material", "Plant", "StorageLocation", "Batch",
							"ActualDeliveryQuantity", "DeliveryQuantityUnit", "PickingStatus", "PackingStatus",
							"GoodsMovementStatus")),
			entry("MaterialDocumentHeader",
					List.of("MaterialDocumentYear", "MaterialDocument", "DocumentDate", "PostingDate",
							"GoodsMovementCode", "CreatedByUser", "CreationDate", "CreationTime")),
			entry("MaterialDocumentItem",
					List.of("MaterialDocumentYear", "MaterialDocument", "MaterialDocumentItem", "Material", "Plant",
							"StorageLocation", "Batch", "GoodsMovementType", "InventoryStockType",
							"IssuingOrReceivingStorageLoc", "ManufacturingOrder", "Reservation", "ReservationItem",
							"GoodsMovementReasonCode", "EntryUnit", "QuantityInEntryUnit", "MaterialBaseUnit",
							"QuantityInBaseUnit", "GoodsMovementIsCancelled")));

	private static final Map<String, List<String>> KEYS = Map.ofEntries(entry("Product", List.of("Product")),
			entry("ProductDescription", List.of("Product", "Language")),
			entry("ProductPlant", List.of("Product", "Plant")),
			entry("ProductStorageLocation", List.of("Product", "Plant", "StorageLocation")),
			entry("BillOfMaterial", List.of("BillOfMaterial", "Material", "Plant")),
			entry("BillOfMaterialItem", List.of("BillOfMaterial", "BillOfMaterialItemNodeNumber")),
			entry("Plant", List.of("Plant")), entry("StorageLocation", List.of("Plant", "StorageLocation")),
			entry("ProductUnitOfMeasure", List.of("Product", "AlternativeUnit")),
			entry("ProductionOrder", List.of("ManufacturingOrder")),
			entry("ProductionOrderOperation", List.of("ManufacturingOrder", "ManufacturingOrderOperation")),
			entry("ProductionOrderStatus", List.of("ManufacturingOrder", "StatusCode")),
			entry("ReservationItem", List.of("Reservation", "ReservationItem")),
			entry("Confirmation", List.of("ConfirmationGroup", "ConfirmationCount")),
			entry("MaterialStock",
					List.of("Material", "Plant", "StorageLocation", "Batch", "Supplier", "Customer",
							"InventorySpecialStockType", "InventoryStockType")),
			entry("DeliveryHeader", List.of("DeliveryDocument")),
			entry("DeliveryItem", List.of("DeliveryDocument", "DeliveryDocumentItem")),
			entry("MaterialDocumentHeader", List.of("MaterialDocumentYear", "MaterialDocument")),
			entry("MaterialDocumentItem", List.of("MaterialDocumentYear", "MaterialDocument", "MaterialDocumentItem")));

	// Each system status mirrors one order flag; CRTD is the exception, see below.
	private static final Map<String, String> STATUS_FLAGS = Map.ofEntries(entry("I0042", "OrderIsPartiallyReleased"),
			entry("I0002", "OrderIsReleased"), entry("I0010", "OrderIsPartiallyConfirmed"),
			entry("I0009", "OrderIsConfirmed"), entry("I0074", "OrderIsPartiallyDelivered"),
			entry("I0012", "OrderIsDelivered"), entry("I0045", "OrderIsTechnicallyCompleted"),
			entry("I0046", "OrderIsClosed"), entry("I0076", "OrderIsMarkedForDeletion"),
			entry("I0043", "OrderIsLocked"));

	@Test
	void should_generate_the_released_order_1000001_with_two_operations_and_three_components() {
		Map<String, Object> order = order(DATA, "1000001");

		assertThat(order).containsEntry("ManufacturingOrderType", "PP01")
			.containsEntry("ProductionPlant", "1000")
			.containsEntry("Plant", "1000")
			.containsEntry("Material", "FG-100")
			.containsEntry("ProductionUnit", "ST")
			.containsEntry("OrderIsCreated", true)
			.containsEntry("OrderIsReleased", true)
			.containsEntry("OrderIsPartiallyConfirmed", false)
			.containsEntry("OrderIsConfirmed", false)
			.containsEntry("OrderIsDelivered", false)
			.containsEntry("OrderIsTechnicallyCompleted", false)
			.containsEntry("OrderIsMarkedForDeletion", false)
			.containsEntry("OrderIsLocked", false);
		assertThat(decimal(order, "TotalQuantity")).isEqualByComparingTo("100");
		assertThat(decimal(order, "MfgOrderConfirmedYieldQty")).isZero();
		assertThat(decimal(order, "MfgOrderConfirmedScrapQty")).isZero();
		assertThat(decimal(order, "ActualDeliveredQuantity")).isZero();
		assertThat(order.get("MfgOrderActualReleaseDate")).isNotNull();
		List<Map<String, Object>> operations = rows(DATA, "ProductionOrderOperation", "ManufacturingOrder", "1000001");
		assertThat(operations).extracting((row) -> row.get("ManufacturingOrderOperation"))
			.containsExactly("0010", "0020");
		assertThat(operations).allSatisfy((operation) -> {
			assertThat(operation).containsEntry("OperationIsReleased", true)
				.containsEntry("OperationIsPartiallyConfirmed", false)
				.containsEntry("OperationIsConfirmed", false);
			assertThat(decimal(operation, "OpTotalConfirmedYieldQty")).isZero();
		});
		List<Map<String, Object>> components = rows(DATA, "ReservationItem", "ManufacturingOrder", "1000001");
		assertThat(components).extracting((row) -> row.get("Material")).containsExactly("RM-200", "RM-310", "PK-500");
		assertThat(components).allSatisfy((component) -> {
			assertThat(component).containsEntry("Plant", "1000")
				.containsEntry("ReservationIsFinallyIssued", false)
				.containsEntry("GoodsMovementIsAllowed", true);
			assertThat(decimal(component, "WithdrawnQuantity")).isZero();
		});
		assertThat(statusCodes(DATA, "1000001")).containsExactly("I0002");
		assertThat(rows(DATA, "Confirmation", "OrderID", "1000001")).isEmpty();
	}

	@Test
	void should_generate_order_1000002_created_and_not_released() {
		Map<String, Object> order = order(DATA, "1000002");

		assertThat(order).containsEntry("Plant", "1000")
			.containsEntry("OrderIsCreated", true)
			.containsEntry("OrderIsReleased", false)
			.containsEntry("OrderIsPartiallyReleased", false)
			.containsEntry("OrderIsPartiallyConfirmed", false)
			.containsEntry("MfgOrderActualReleaseDate", null);
		assertThat(statusCodes(DATA, "1000002")).containsExactly("I0001");
		assertThat(rows(DATA, "ProductionOrderOperation", "ManufacturingOrder", "1000002"))
			.allSatisfy((operation) -> assertThat(operation).containsEntry("OperationIsReleased", false));
		assertThat(rows(DATA, "ReservationItem", "ManufacturingOrder", "1000002"))
			.allSatisfy((component) -> assertThat(component).containsEntry("GoodsMovementIsAllowed", false));
		assertThat(rows(DATA, "Confirmation", "OrderID", "1000002")).isEmpty();
	}

	@Test
	void should_generate_order_1000003_technically_completed_after_full_confirmation_and_delivery() {
		Map<String, Object> order = order(DATA, "1000003");

		assertThat(order).containsEntry("Plant", "1000")
			.containsEntry("OrderIsCreated", true)
			.containsEntry("OrderIsReleased", true)
			.containsEntry("OrderIsConfirmed", true)
			.containsEntry("OrderIsDelivered", true)
			.containsEntry("OrderIsTechnicallyCompleted", true)
			.containsEntry("OrderIsClosed", false);
		assertThat(decimal(order, "MfgOrderConfirmedYieldQty")).isEqualByComparingTo(decimal(order, "TotalQuantity"));
		assertThat(decimal(order, "ActualDeliveredQuantity")).isEqualByComparingTo(decimal(order, "TotalQuantity"));
		assertThat(statusCodes(DATA, "1000003")).containsExactlyInAnyOrder("I0002", "I0009", "I0012", "I0045");
		assertThat(rows(DATA, "ReservationItem", "ManufacturingOrder", "1000003")).isNotEmpty()
			.allSatisfy((component) -> assertThat(component).containsEntry("ReservationIsFinallyIssued", true)
				.containsEntry("GoodsMovementIsAllowed", false));
		assertThat(rows(DATA, "Confirmation", "OrderID", "1000003")).isNotEmpty();
	}

	@Test
	void should_generate_order_2000001_released_in_plant_2000() {
		Map<String, Object> order = order(DATA, "2000001");

		assertThat(order).containsEntry("ProductionPlant", "2000")
			.containsEntry("Plant", "2000")
			.containsEntry("OrderIsCreated", true)
			.containsEntry("OrderIsReleased", true)
			.containsEntry("OrderIsPartiallyConfirmed", false);
		assertThat(statusCodes(DATA, "2000001")).containsExactly("I0002");
		assertThat(rows(DATA, "ProductionOrderOperation", "ManufacturingOrder", "2000001")).isNotEmpty()
			.allSatisfy((operation) -> assertThat(operation).containsEntry("OperationIsReleased", true)
				.containsEntry("ProductionPlant", "2000"));
	}

	@Test
	void should_give_FG_100_in_plant_1000_its_stock_by_stock_type() {
		assertThat(stockByType(DATA, "FG-100", "1000")).containsOnlyKeys("01", "02", "07", "06")
			.hasEntrySatisfying("01", (quantity) -> assertThat(quantity).isEqualByComparingTo("500"))
			.hasEntrySatisfying("02", (quantity) -> assertThat(quantity).isEqualByComparingTo("40"))
			.hasEntrySatisfying("07", (quantity) -> assertThat(quantity).isEqualByComparingTo("10"))
			.hasEntrySatisfying("06", (quantity) -> assertThat(quantity).isEqualByComparingTo("25"));
		List<Map<String, Object>> unrestricted = stock(DATA, "FG-100", "1000").stream()
			.filter((row) -> "01".equals(row.get("InventoryStockType")))
			.toList();
		assertThat(unrestricted).extracting((row) -> row.get("StorageLocation")).containsExactly("0001", "0003");
		assertThat(unrestricted).extracting((row) -> decimal(row, "MatlWrhsStkQtyInMatlBaseUnit"))
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(new BigDecimal("300"), new BigDecimal("200"));
		assertThat(stock(DATA, "FG-100", "1000")).allSatisfy((row) -> assertThat(row).containsEntry("Batch", "")
			.containsEntry("MaterialBaseUnit", "ST")
			.containsEntry("InventorySpecialStockType", ""));
		assertThat(one(DATA, "Product", Map.of("Product", "FG-100"))).containsEntry("BaseUnit", "ST");
		assertThat(one(DATA, "ProductPlant", Map.of("Product", "FG-100", "Plant", "1000")))
			.containsEntry("IsBatchManagementRequired", false);
	}

	@Test
	void should_reserve_120_of_FG_100_in_plant_1000_in_open_reservation_items() {
		assertThat(reserved(DATA, "FG-100", "1000")).isEqualByComparingTo("120");
	}

	@Test
	void should_keep_RM_200_batch_B1_unrestricted_and_batch_B2_entirely_in_quality_inspection() {
		List<Map<String, Object>> stock = stock(DATA, "RM-200", "1000");

		assertThat(stock).extracting((row) -> row.get("Batch")).containsOnly("B1", "B2").contains("B1", "B2");
		assertThat(stock).filteredOn((row) -> "B1".equals(row.get("Batch")))
			.allSatisfy((row) -> assertThat(row).containsEntry("InventoryStockType", "01"));
		assertThat(stock).filteredOn((row) -> "B2".equals(row.get("Batch")))
			.allSatisfy((row) -> assertThat(row).containsEntry("InventoryStockType", "02"));
		assertThat(stock).allSatisfy((row) -> {
			assertThat(row).containsEntry("MaterialBaseUnit", "KG");
			assertThat(decimal(row, "MatlWrhsStkQtyInMatlBaseUnit")).isPositive();
		});
		assertThat(one(DATA, "Product", Map.of("Product", "RM-200"))).containsEntry("BaseUnit", "KG");
		assertThat(one(DATA, "ProductPlant", Map.of("Product", "RM-200", "Plant", "1000")))
			.containsEntry("IsBatchManagementRequired", true);
		Map<String, Object> grams = one(DATA, "ProductUnitOfMeasure",
				Map.of("Product", "RM-200", "AlternativeUnit", "G"));
		assertThat(decimal(grams, "QuantityNumerator")).isEqualByComparingTo("1");
		assertThat(decimal(grams, "QuantityDenominator")).isEqualByComparingTo("1000");
	}

	@Test
	void should_make_delivery_80000001_to_ACME_ready_for_shipment_with_released_batches() {
		Map<String, Object> delivery = one(DATA, "DeliveryHeader", Map.of("DeliveryDocument", "80000001"));

		assertThat(delivery).containsEntry("DeliveryDocumentType", "LF")
			.containsEntry("ShippingPoint", "1000")
			.containsEntry("ShipToParty", "17100001")
			.containsEntry("OverallPickingStatus", "C")
			.containsEntry("OverallPackingStatus", "C")
			.containsEntry("OverallGoodsMovementStatus", "A")
			.containsEntry("TotalBlockStatus", "")
			.containsEntry("ActualGoodsMovementDate", null);
		List<Map<String, Object>> items = rows(DATA, "DeliveryItem", "DeliveryDocument", "80000001");
		assertThat(items).isNotEmpty().allSatisfy((item) -> {
			assertThat(item).containsEntry("Plant", "1000")
				.containsEntry("PickingStatus", "C")
				.containsEntry("PackingStatus", "C")
				.containsEntry("GoodsMovementStatus", "A");
			assertThat((String) item.get("Batch")).isNotEmpty();
			assertThat(batchStock(DATA, item)).isNotEmpty()
				.allSatisfy((row) -> assertThat(row).containsEntry("InventoryStockType", "01"));
		});
	}

	@Test
	void should_make_delivery_80000002_to_BETA_shipped_without_proof_of_delivery() {
		assertThat(one(DATA, "DeliveryHeader", Map.of("DeliveryDocument", "80000002")))
			.containsEntry("ShipToParty", "17100002")
			.containsEntry("OverallGoodsMovementStatus", "C")
			.containsEntry("OverallProofOfDeliveryStatus", "A")
			.hasEntrySatisfying("ActualGoodsMovementDate", (date) -> assertThat(date).isNotNull());
		assertThat(rows(DATA, "DeliveryItem", "DeliveryDocument", "80000002")).isNotEmpty()
			.allSatisfy((item) -> assertThat(item).containsEntry("GoodsMovementStatus", "C"));
	}

	@Test
	void should_make_delivery_80000003_to_ACME_picking_in_progress() {
		assertThat(one(DATA, "DeliveryHeader", Map.of("DeliveryDocument", "80000003")))
			.containsEntry("ShipToParty", "17100001")
			.containsEntry("OverallPickingStatus", "B")
			.containsEntry("OverallGoodsMovementStatus", "A");
	}

	@Test
	void should_leave_the_last_change_of_delivery_81000001_empty_as_it_was_never_changed() {
		Map<String, Object> delivery = one(DATA, "DeliveryHeader", Map.of("DeliveryDocument", "81000001"));

		assertThat(delivery).containsEntry("LastChangeDate", null)
			.containsEntry("CreationDate", LocalDate.of(2026, 2, 27).atStartOfDay())
			.containsEntry("ShippingPoint", "1000")
			.containsEntry("OverallPickingStatus", "A");
		assertThat(rows(DATA, "DeliveryHeader")).filteredOn((row) -> row.get("LastChangeDate") == null)
			.extracting((row) -> row.get("DeliveryDocument"))
			.containsExactly("81000001");
	}

	@Test
	void should_ship_delivery_81000002_of_plant_1000_through_shipping_point_1010() {
		assertThat(one(DATA, "DeliveryHeader", Map.of("DeliveryDocument", "81000002")))
			.containsEntry("ShippingPoint", "1010")
			.containsEntry("OverallPickingStatus", "C")
			.containsEntry("OverallPackingStatus", "A");
		assertThat(rows(DATA, "DeliveryItem", "DeliveryDocument", "81000002")).isNotEmpty()
			.allSatisfy((item) -> assertThat(item).containsEntry("Plant", "1000"));
	}

	@Test
	void should_create_every_delivery_before_or_on_its_last_change() {
		assertThat(rows(DATA, "DeliveryHeader")).allSatisfy((row) -> {
			assertThat(row.get("CreationDate")).isNotNull();
			if (row.get("LastChangeDate") != null) {
				assertThat((LocalDateTime) row.get("CreationDate"))
					.isBeforeOrEqualTo((LocalDateTime) row.get("LastChangeDate"));
			}
		});
	}

	@Test
	void should_record_the_quality_release_of_the_batches_of_delivery_80000001_before_it_changed_last() {
		Map<String, Object> document = one(DATA, "MaterialDocumentHeader", Map.of("MaterialDocument", "4900000001"));
		List<Map<String, Object>> items = rows(DATA, "MaterialDocumentItem", "MaterialDocument", "4900000001");

		assertThat(document).containsEntry("MaterialDocumentYear", "2026")
			.containsEntry("PostingDate", LocalDate.of(2026, 2, 26).atStartOfDay());
		assertThat((LocalDateTime) document.get("PostingDate"))
			.isBefore((LocalDateTime) one(DATA, "DeliveryHeader", Map.of("DeliveryDocument", "80000001"))
				.get("LastChangeDate"));
		assertThat(items).extracting((row) -> row.get("Batch")).containsExactly("FC260201", "FC260202");
		assertThat(items).allSatisfy((item) -> {
			assertThat(item).containsEntry("GoodsMovementType", "321").containsEntry("GoodsMovementIsCancelled", false);
			// what it released is unrestricted now
			assertThat(batchStock(DATA, item)).isNotEmpty()
				.allSatisfy((row) -> assertThat(row).containsEntry("InventoryStockType", "01"));
		});
	}

	@Test
	void should_generate_at_least_50_materials_with_descriptions_plants_and_units() {
		List<Map<String, Object>> products = rows(DATA, "Product");

		assertThat(products).hasSizeGreaterThanOrEqualTo(50);
		assertThat(products).extracting((row) -> row.get("ProductType")).contains("FERT", "HALB", "ROH", "VERP");
		assertThat(products).extracting((row) -> row.get("BaseUnit")).contains("ST", "KG", "G", "M", "L", "PAK");
		for (Map<String, Object> product : products) {
			Object code = product.get("Product");
			assertThat(rows(DATA, "ProductDescription", "Product", code)).extracting((row) -> row.get("Language"))
				.containsExactlyInAnyOrder("EN", "DE");
			assertThat(rows(DATA, "ProductPlant", "Product", code)).isNotEmpty()
				.allSatisfy((plant) -> assertThat(plant.get("Plant")).isIn("1000", "2000"))
				.allSatisfy((plant) -> assertThat(plant).containsEntry("MRPType", "PD"));
			List<Map<String, Object>> units = rows(DATA, "ProductUnitOfMeasure", "Product", code);
			assertThat(units).hasSizeGreaterThanOrEqualTo(2);
			Map<String, Object> base = one(DATA, "ProductUnitOfMeasure",
					Map.of("Product", code, "AlternativeUnit", product.get("BaseUnit")));
			assertThat(decimal(base, "QuantityNumerator")).isEqualByComparingTo("1");
			assertThat(decimal(base, "QuantityDenominator")).isEqualByComparingTo("1");
		}
		assertThat(rows(DATA, "ProductDescription", "Product", "FG-100"))
			.extracting((row) -> row.get("ProductDescription"))
			.containsExactlyInAnyOrder("Filter housing FH-100", "Filtergehäuse FH-100");
	}

	@Test
	void should_leave_some_materials_without_a_conversion_to_a_common_unit() {
		assertThat(units(DATA, "FG-100")).contains("ST", "KAR").doesNotContain("KG");
		assertThat(units(DATA, "RM-200")).contains("KG", "G").doesNotContain("ST");
		Map<String, Object> carton = one(DATA, "ProductUnitOfMeasure",
				Map.of("Product", "FG-100", "AlternativeUnit", "KAR"));
		assertThat(decimal(carton, "QuantityNumerator")).isEqualByComparingTo("12");
		assertThat(decimal(carton, "QuantityDenominator")).isEqualByComparingTo("1");
	}

	@Test
	void should_generate_at_least_200_orders_in_both_plants_with_their_operations_and_components() {
		List<Map<String, Object>> orders = rows(DATA, "ProductionOrder");

		assertThat(orders).hasSizeGreaterThanOrEqualTo(200);
		assertThat(orders).extracting((row) -> row.get("ProductionPlant")).containsOnly("1000", "2000");
		assertThat(orders).filteredOn((row) -> "1000".equals(row.get("Plant")))
			.allSatisfy((row) -> assertThat((String) row.get("ManufacturingOrder")).startsWith("1").hasSize(7));
		assertThat(orders).filteredOn((row) -> "2000".equals(row.get("Plant")))
			.allSatisfy((row) -> assertThat((String) row.get("ManufacturingOrder")).startsWith("2").hasSize(7));
		Map<Object, List<Map<String, Object>>> operations = groupBy(rows(DATA, "ProductionOrderOperation"),
				"ManufacturingOrder");
		Map<Object, List<Map<String, Object>>> components = groupBy(rows(DATA, "ReservationItem"),
				"ManufacturingOrder");
		for (Map<String, Object> order : orders) {
			Object number = order.get("ManufacturingOrder");
			assertThat(operations.get(number)).hasSizeBetween(1, 4);
			assertThat(components.get(number)).hasSizeBetween(1, 5);
			assertThat(components.get(number)).extracting((row) -> row.get("Reservation"))
				.containsOnly(components.get(number).get(0).get("Reservation"));
		}
		assertThat(components.get("")).as("reservations no order owns").hasSizeGreaterThanOrEqualTo(20);
	}

	@Test
	void should_reach_every_order_status() {
		assertThat(rows(DATA, "ProductionOrderStatus")).extracting((row) -> row.get("StatusCode"))
			.contains("I0001", "I0042", "I0002", "I0010", "I0009", "I0074", "I0012", "I0045", "I0046", "I0076", "I0043",
					"E0001");
		assertThat(rows(DATA, "ProductionOrderStatus")).filteredOn((row) -> "E0001".equals(row.get("StatusCode")))
			.allSatisfy((row) -> assertThat(row).containsEntry("StatusShortName", "QHLD")
				.containsEntry("IsUserStatus", true));
		for (String flag : STATUS_FLAGS.values()) {
			assertThat(rows(DATA, "ProductionOrder")).as(flag)
				.anySatisfy((row) -> assertThat(row.get(flag)).isEqualTo(true));
		}
	}

	@Test
	void should_set_order_flags_statuses_and_quantities_the_way_SAP_does() {
		for (Map<String, Object> order : rows(DATA, "ProductionOrder")) {
			Object number = order.get("ManufacturingOrder");
			Set<String> codes = statusCodes(DATA, number);
			STATUS_FLAGS.forEach((code, flag) -> assertThat(codes.contains(code)).as(number + " " + code)
				.isEqualTo(order.get(flag)));
			// As in SAP's status line, REL replaces CRTD; the order stays created.
			assertThat(codes.contains("I0001")).as(number + " I0001").isEqualTo(!flag(order, "OrderIsReleased"));
			BigDecimal total = decimal(order, "TotalQuantity");
			BigDecimal confirmedYield = decimal(order, "MfgOrderConfirmedYieldQty");
			BigDecimal delivered = decimal(order, "ActualDeliveredQuantity");
			boolean released = flag(order, "OrderIsReleased");
			assertThat(flag(order, "OrderIsCreated")).isTrue();
			assertThat(released && flag(order, "OrderIsPartiallyReleased")).isFalse();
			assertThat(flag(order, "OrderIsConfirmed") && flag(order, "OrderIsPartiallyConfirmed")).isFalse();
			assertThat(flag(order, "OrderIsDelivered") && flag(order, "OrderIsPartiallyDelivered")).isFalse();
			assertThat(!flag(order, "OrderIsClosed") || flag(order, "OrderIsTechnicallyCompleted")).isTrue();
			assertThat(!flag(order, "OrderIsTechnicallyCompleted") || released).isTrue();
			assertThat(released || confirmedYield.signum() == 0 && delivered.signum() == 0)
				.as(number + " confirmed unreleased")
				.isTrue();
			assertThat(!flag(order, "OrderIsConfirmed") || confirmedYield.compareTo(total) >= 0).isTrue();
			assertThat(flag(order, "OrderIsDelivered")).isEqualTo(delivered.compareTo(total) >= 0);
			assertThat(flag(order, "OrderIsPartiallyDelivered"))
				.isEqualTo(delivered.signum() > 0 && delivered.compareTo(total) < 0);
			assertThat(delivered).isLessThanOrEqualTo(confirmedYield);
			assertThat(order.get("MfgOrderActualReleaseDate") != null).isEqualTo(released);
			for (Map<String, Object> operation : rows(DATA, "ProductionOrderOperation", "ManufacturingOrder", number)) {
				boolean started = decimal(operation, "OpTotalConfirmedYieldQty").signum() > 0;
				assertThat(!started || flag(operation, "OperationIsReleased")).isTrue();
				assertThat(flag(operation, "OperationIsPartiallyConfirmed"))
					.isEqualTo(started && !flag(operation, "OperationIsConfirmed"));
				assertThat(decimal(operation, "OpTotalConfirmedYieldQty")).isGreaterThanOrEqualTo(confirmedYield);
			}
		}
	}

	@Test
	void should_add_up_confirmations_to_the_confirmed_yield_and_scrap_of_operations_and_orders() {
		Map<Object, List<Map<String, Object>>> confirmations = groupBy(
				rows(DATA, "Confirmation").stream().filter(SeedDataTests::valid).toList(), "OrderID");
		Map<Object, List<Map<String, Object>>> operations = groupBy(rows(DATA, "ProductionOrderOperation"),
				"ManufacturingOrder");
		for (Map<String, Object> order : rows(DATA, "ProductionOrder")) {
			Object number = order.get("ManufacturingOrder");
			List<Map<String, Object>> ofOrder = confirmations.getOrDefault(number, List.of());
			List<Map<String, Object>> steps = operations.get(number);
			for (Map<String, Object> operation : steps) {
				List<Map<String, Object>> ofOperation = ofOrder.stream()
					.filter((row) -> row.get("OrderOperation").equals(operation.get("ManufacturingOrderOperation")))
					.toList();
				assertThat(sum(ofOperation, "ConfirmationYieldQuantity"))
					.isEqualByComparingTo(decimal(operation, "OpTotalConfirmedYieldQty"));
				assertThat(sum(ofOperation, "ConfirmationScrapQuantity"))
					.isEqualByComparingTo(decimal(operation, "OpTotalConfirmedScrapQty"));
				assertThat(ofOperation.stream().anyMatch((row) -> flag(row, "IsFinalConfirmation")))
					.isEqualTo(flag(operation, "OperationIsConfirmed"));
			}
			Object last = steps.get(steps.size() - 1).get("ManufacturingOrderOperation");
			List<Map<String, Object>> ofLast = ofOrder.stream()
				.filter((row) -> row.get("OrderOperation").equals(last))
				.toList();
			assertThat(sum(ofLast, "ConfirmationYieldQuantity")).as(number.toString())
				.isEqualByComparingTo(decimal(order, "MfgOrderConfirmedYieldQty"));
			assertThat(ofOrder.isEmpty()).isEqualTo(decimal(order, "MfgOrderConfirmedYieldQty").signum() == 0);
		}
		List<Map<String, Object>> all = rows(DATA, "Confirmation");
		assertThat(all.stream().filter((row) -> flag(row, "IsReversed")).count()).isPositive()
			.isEqualTo(all.stream().filter((row) -> flag(row, "IsReversal")).count());
		assertThat(all).allSatisfy((row) -> assertThat(row.get("FinalConfirmationType"))
			.isEqualTo(flag(row, "IsFinalConfirmation") ? "X" : ""));
		assertThat(groupBy(all, "OrderID"))
			.allSatisfy((order, rows) -> assertThat(rows).extracting((row) -> row.get("ConfirmationGroup"))
				.containsOnly(rows.get(0).get("ConfirmationGroup")));
	}

	@Test
	void should_generate_at_least_100_deliveries_in_every_stage() {
		List<Map<String, Object>> deliveries = rows(DATA, "DeliveryHeader");

		assertThat(deliveries).hasSizeGreaterThanOrEqualTo(100);
		Map<String, Predicate<Map<String, Object>>> stages = new TreeMap<>();
		stages.put("planned", (row) -> is(row, "OverallPickingStatus", "A"));
		stages.put("picking", (row) -> is(row, "OverallPickingStatus", "B"));
		stages.put("picked", (row) -> is(row, "OverallPickingStatus", "C") && is(row, "OverallPackingStatus", "A"));
		stages.put("packing", (row) -> is(row, "OverallPackingStatus", "B"));
		stages.put("ready", (row) -> is(row, "OverallPickingStatus", "C") && is(row, "OverallPackingStatus", "C")
				&& is(row, "TotalBlockStatus", "") && is(row, "OverallGoodsMovementStatus", "A"));
		stages.put("shipped",
				(row) -> is(row, "OverallGoodsMovementStatus", "C") && is(row, "OverallProofOfDeliveryStatus", "A"));
		stages.put("delivered", (row) -> is(row, "OverallProofOfDeliveryStatus", "C"));
		stages.put("blocked", (row) -> is(row, "TotalBlockStatus", "B") || is(row, "TotalBlockStatus", "C"));
		stages.put("packing not relevant", (row) -> is(row, "OverallPackingStatus", ""));
		stages.forEach((stage, test) -> assertThat(deliveries).as(stage).anyMatch(test));
		assertThat(deliveries).filteredOn((row) -> is(row, "OverallGoodsMovementStatus", "C"))
			.allSatisfy((row) -> assertThat(row.get("ActualGoodsMovementDate")).isNotNull());
		assertThat(deliveries).filteredOn((row) -> !is(row, "OverallGoodsMovementStatus", "C"))
			.allSatisfy((row) -> assertThat(row.get("ActualGoodsMovementDate")).isNull());
		Set<Object> shipTo = deliveries.stream().map((row) -> row.get("ShipToParty")).collect(Collectors.toSet());
		assertThat(shipTo).contains("17100001", "17100002").hasSizeGreaterThanOrEqualTo(7);
	}

	@Test
	void should_derive_delivery_header_statuses_from_the_items() {
		Map<Object, List<Map<String, Object>>> items = groupBy(rows(DATA, "DeliveryItem"), "DeliveryDocument");
		for (Map<String, Object> delivery : rows(DATA, "DeliveryHeader")) {
			List<Map<String, Object>> ofDelivery = items.get(delivery.get("DeliveryDocument"));
			// The items ship from the plant the shipping point belongs to.
			assertThat(ofDelivery).isNotEmpty()
				.allSatisfy((item) -> assertThat(item).containsEntry("Plant",
						SeedDeliveryRows.SHIPPING_POINT_PLANTS.get(delivery.get("ShippingPoint"))));
			assertThat(delivery.get("OverallPickingStatus")).isEqualTo(overall(ofDelivery, "PickingStatus"));
			assertThat(delivery.get("OverallPackingStatus")).isEqualTo(overall(ofDelivery, "PackingStatus"));
			assertThat(delivery.get("OverallGoodsMovementStatus"))
				.isEqualTo(overall(ofDelivery, "GoodsMovementStatus"));
		}
	}

	@Test
	void should_hold_stock_in_every_stock_type_including_batch_stock_and_stock_in_transit() {
		List<Map<String, Object>> stock = rows(DATA, "MaterialStock");

		assertThat(stock).extracting((row) -> row.get("InventoryStockType"))
			.contains("01", "02", "03", "04", "05", "06", "07", "08", "10");
		assertThat(stock).anySatisfy((row) -> assertThat((String) row.get("Batch")).isNotEmpty());
		assertThat(stock).anySatisfy(
				(row) -> assertThat(row).containsEntry("InventoryStockType", "06").doesNotContainEntry("Batch", ""));
		assertThat(stock).extracting((row) -> row.get("StorageLocation")).contains("0001", "0002", "0003");
		assertThat(stock).allSatisfy((row) -> assertThat(decimal(row, "MatlWrhsStkQtyInMatlBaseUnit")).isPositive());
		assertThat(stock).filteredOn((row) -> !is(row, "Batch", ""))
			.allSatisfy((row) -> assertThat(
					one(DATA, "ProductPlant", Map.of("Product", row.get("Material"), "Plant", row.get("Plant"))))
				.containsEntry("IsBatchManagementRequired", true));
	}

	@Test
	void should_keep_the_batches_of_some_deliveries_in_quality_inspection() {
		List<Map<String, Object>> items = rows(DATA, "DeliveryItem").stream()
			.filter((item) -> !is(item, "Batch", ""))
			.toList();

		assertThat(items).allSatisfy((item) -> assertThat(batchStock(DATA, item)).isNotEmpty());
		assertThat(items).anySatisfy((item) -> assertThat(batchStock(DATA, item)).isNotEmpty()
			.allSatisfy((row) -> assertThat(row).containsEntry("InventoryStockType", "02")));
	}

	@Test
	void should_reference_materials_of_the_plant_in_their_base_unit() {
		Set<String> plants = rows(DATA, "ProductPlant").stream()
			.map((row) -> row.get("Product") + "/" + row.get("Plant"))
			.collect(Collectors.toSet());
		Map<Object, Object> units = rows(DATA, "Product").stream()
			.collect(Collectors.toMap((row) -> row.get("Product"), (row) -> row.get("BaseUnit")));
		rows(DATA, "ProductionOrder").forEach((row) -> {
			assertThat(plants).contains(row.get("Material") + "/" + row.get("Plant"));
			assertThat(row.get("ProductionUnit")).isEqualTo(units.get(row.get("Material")));
		});
		rows(DATA, "ReservationItem").forEach((row) -> {
			assertThat(plants).contains(row.get("Material") + "/" + row.get("Plant"));
			assertThat(row.get("BaseUnit")).isEqualTo(units.get(row.get("Material")));
		});
		rows(DATA, "MaterialStock").forEach((row) -> {
			assertThat(plants).contains(row.get("Material") + "/" + row.get("Plant"));
			assertThat(row.get("MaterialBaseUnit")).isEqualTo(units.get(row.get("Material")));
		});
		rows(DATA, "DeliveryItem").forEach((row) -> {
			assertThat(plants).contains(row.get("Material") + "/" + row.get("Plant"));
			assertThat(units(DATA, row.get("Material"))).contains((String) row.get("DeliveryQuantityUnit"));
		});
	}

	@Test
	void should_give_each_produced_material_a_bill_of_materials_of_the_components_its_orders_reserve() {
		Map<String, Object> fg100 = rows(DATA, "BillOfMaterial").stream()
			.filter((row) -> "FG-100".equals(row.get("Material")) && "1000".equals(row.get("Plant")))
			.findFirst()
			.orElseThrow();
		List<Map<String, Object>> items = rows(DATA, "BillOfMaterialItem").stream()
			.filter((row) -> fg100.get("BillOfMaterial").equals(row.get("BillOfMaterial")))
			.toList();
		LocalDateTime today = SeedRows.TODAY.atStartOfDay();
		List<Object> validToday = items.stream()
			.filter((row) -> !((LocalDateTime) row.get("ValidityStartDate")).isAfter(today)
					&& !((LocalDateTime) row.get("ValidityEndDate")).isBefore(today))
			.map((row) -> row.get("BillOfMaterialComponent"))
			.toList();
		List<Object> reserved = rows(DATA, "ReservationItem").stream()
			.filter((row) -> "1000001".equals(row.get("ManufacturingOrder")))
			.map((row) -> row.get("Material"))
			.toList();

		assertThat(validToday).containsExactlyInAnyOrderElementsOf(reserved);
		assertThat(items).extracting((row) -> row.get("BillOfMaterialComponent")).contains("RM-220");
		Set<String> kept = rows(DATA, "ProductPlant").stream()
			.map((row) -> row.get("Product") + "/" + row.get("Plant"))
			.collect(Collectors.toSet());
		assertThat(rows(DATA, "BillOfMaterial"))
			.allSatisfy((row) -> assertThat(kept).contains(row.get("Material") + "/" + row.get("Plant")));
		assertThat(rows(DATA, "ProductStorageLocation"))
			.allSatisfy((row) -> assertThat(kept).contains(row.get("Product") + "/" + row.get("Plant")));
	}

	@Test
	void should_give_every_row_of_a_table_exactly_its_columns() {
		assertThat(COLUMNS).containsOnlyKeys(ErpData.TABLES);
		COLUMNS.forEach((table, columns) -> assertThat(rows(DATA, table)).as(table)
			.isNotEmpty()
			.allSatisfy((row) -> assertThat(row.keySet()).containsExactlyElementsOf(columns)));
	}

	@Test
	void should_use_one_java_type_per_column_and_null_only_for_dates_and_uuids() {
		for (String table : ErpData.TABLES) {
			Map<String, Set<Class<?>>> types = new HashMap<>();
			Set<String> nullable = new HashSet<>();
			for (Map<String, Object> row : rows(DATA, table)) {
				row.forEach((column, value) -> {
					if (value == null) {
						nullable.add(column);
					}
					else {
						types.computeIfAbsent(column, (key) -> new HashSet<>()).add(value.getClass());
					}
					if (value instanceof LocalDateTime date) {
						assertThat(date.toLocalTime()).as(table + "." + column).isEqualTo("00:00");
						// a validity runs from a past day to the ERP's open end
						// (9999-12-31)
						if (!column.contains("Validity")) {
							assertThat(date.toLocalDate()).as(table + "." + column)
								.isBetween(LocalDate.of(2025, 10, 1), LocalDate.of(2026, 6, 30));
						}
					}
				});
			}
			types.forEach((column, classes) -> assertThat(classes).as(table + "." + column).hasSize(1));
			nullable.forEach((column) -> assertThat(types.get(column)).as(table + "." + column)
				.containsAnyOf(LocalDateTime.class, UUID.class));
		}
	}

	@Test
	void should_date_nothing_that_happened_after_2026_03_02() {
		LocalDateTime today = LocalDate.of(2026, 3, 2).atStartOfDay();
		assertThat(rows(DATA, "ProductionOrder")).allSatisfy((row) -> {
			assertThat((LocalDateTime) row.get("MfgOrderCreationDate")).isBeforeOrEqualTo(today);
			assertThat(((String) row.get("LastChangeDateTime"))).hasSize(14).isLessThanOrEqualTo("20260302235959");
		});
		assertThat(rows(DATA, "ProductionOrder")).filteredOn((row) -> row.get("MfgOrderActualReleaseDate") != null)
			.allSatisfy(
					(row) -> assertThat((LocalDateTime) row.get("MfgOrderActualReleaseDate")).isBeforeOrEqualTo(today));
		assertThat(rows(DATA, "Confirmation"))
			.allSatisfy((row) -> assertThat((LocalDateTime) row.get("PostingDate")).isBeforeOrEqualTo(today));
		assertThat(rows(DATA, "DeliveryHeader")).filteredOn((row) -> row.get("ActualGoodsMovementDate") != null)
			.allSatisfy(
					(row) -> assertThat((LocalDateTime) row.get("ActualGoodsMovementDate")).isBeforeOrEqualTo(today));
	}

	@Test
	void should_keep_keys_unique_per_table_at_every_scale() {
		for (ErpData data : List.of(DATA, SeedData.generate(3))) {
			KEYS.forEach((table, key) -> {
				List<List<Object>> keys = rows(data, table).stream()
					.map((row) -> key.stream().map(row::get).toList())
					.toList();
				assertThat(keys).as(table).doesNotHaveDuplicates();
			});
		}
	}

	@Test
	void should_generate_the_same_data_twice() {
		ErpData again = SeedData.generate(1);

		for (String table : ErpData.TABLES) {
			assertThat(rows(again, table)).as(table).isEqualTo(rows(DATA, table));
		}
	}

	@Test
	void should_multiply_the_bulk_by_the_scale_and_keep_the_fixtures_once() {
		ErpData tripled = SeedData.generate(3);

		int fixtures = 4;
		assertThat(rows(tripled, "ProductionOrder"))
			.hasSize(3 * (rows(DATA, "ProductionOrder").size() - fixtures) + fixtures);
		int deliveryFixtures = 5;
		assertThat(rows(tripled, "DeliveryHeader"))
			.hasSize(3 * (rows(DATA, "DeliveryHeader").size() - deliveryFixtures) + deliveryFixtures);
		assertThat(rows(tripled, "ReservationItem").size()).isGreaterThan(2 * rows(DATA, "ReservationItem").size());
		assertThat(rows(tripled, "MaterialStock").size()).isGreaterThan(rows(DATA, "MaterialStock").size());
		assertThat(rows(tripled, "Product")).isEqualTo(rows(DATA, "Product"));
		for (String number : List.of("1000001", "1000002", "1000003", "2000001")) {
			assertThat(rows(tripled, "ProductionOrder", "ManufacturingOrder", number)).as(number)
				.containsExactly(order(DATA, number));
			assertThat(rows(tripled, "ReservationItem", "ManufacturingOrder", number))
				.isEqualTo(rows(DATA, "ReservationItem", "ManufacturingOrder", number));
		}
		for (String number : List.of("80000001", "80000002", "80000003", "81000001", "81000002")) {
			assertThat(rows(tripled, "DeliveryHeader", "DeliveryDocument", number))
				.isEqualTo(rows(DATA, "DeliveryHeader", "DeliveryDocument", number));
		}
		assertThat(stockByType(tripled, "FG-100", "1000")).isEqualTo(stockByType(DATA, "FG-100", "1000"));
		assertThat(reserved(tripled, "FG-100", "1000")).isEqualByComparingTo("120");
		assertThat(stock(tripled, "RM-200", "1000")).isEqualTo(stock(DATA, "RM-200", "1000"));
	}

	@Test
	void should_refuse_a_scale_below_1() {
		assertThatIllegalArgumentException().isThrownBy(() -> SeedData.generate(0));
	}

	private static List<Map<String, Object>> rows(ErpData data, String table) {
		return data.table(table).rows();
	}

	private static List<Map<String, Object>> rows(ErpData data, String table, String column, Object value) {
		return rows(data, table).stream().filter((row) -> Objects.equals(row.get(column), value)).toList();
	}

	private static Map<String, Object> one(ErpData data, String table, Map<String, Object> key) {
		List<Map<String, Object>> found = rows(data, table).stream()
			.filter((row) -> key.entrySet().stream().allMatch((part) -> part.getValue().equals(row.get(part.getKey()))))
			.toList();
		assertThat(found).as(table + " " + key).hasSize(1);
		return found.get(0);
	}

	private static Map<String, Object> order(ErpData data, String number) {
		return one(data, "ProductionOrder", Map.of("ManufacturingOrder", number));
	}

	private static Set<String> statusCodes(ErpData data, Object order) {
		return rows(data, "ProductionOrderStatus", "ManufacturingOrder", order).stream()
			.map((row) -> (String) row.get("StatusCode"))
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	private static List<Map<String, Object>> stock(ErpData data, String material, String plant) {
		return rows(data, "MaterialStock", "Material", material).stream()
			.filter((row) -> plant.equals(row.get("Plant")))
			.toList();
	}

	private static Map<Object, BigDecimal> stockByType(ErpData data, String material, String plant) {
		return stock(data, material, plant).stream()
			.collect(Collectors.groupingBy((row) -> row.get("InventoryStockType"), TreeMap::new, Collectors
				.reducing(BigDecimal.ZERO, (row) -> decimal(row, "MatlWrhsStkQtyInMatlBaseUnit"), BigDecimal::add)));
	}

	// What is still to be withdrawn from reservations that are not finally issued.
	private static BigDecimal reserved(ErpData data, String material, String plant) {
		return rows(data, "ReservationItem", "Material", material).stream()
			.filter((row) -> plant.equals(row.get("Plant")) && !flag(row, "ReservationIsFinallyIssued"))
			.map((row) -> decimal(row, "RequiredQuantity").subtract(decimal(row, "WithdrawnQuantity")))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	private static List<Map<String, Object>> batchStock(ErpData data, Map<String, Object> item) {
		return stock(data, (String) item.get("Material"), (String) item.get("Plant")).stream()
			.filter((row) -> row.get("Batch").equals(item.get("Batch")))
			.toList();
	}

	private static Set<String> units(ErpData data, Object material) {
		return rows(data, "ProductUnitOfMeasure", "Product", material).stream()
			.map((row) -> (String) row.get("AlternativeUnit"))
			.collect(Collectors.toSet());
	}

	private static Map<Object, List<Map<String, Object>>> groupBy(List<Map<String, Object>> rows, String column) {
		return rows.stream().collect(Collectors.groupingBy((row) -> row.get(column)));
	}

	private static String overall(List<Map<String, Object>> items, String column) {
		Set<Object> statuses = items.stream().map((row) -> row.get(column)).collect(Collectors.toSet());
		return (statuses.size() == 1) ? (String) statuses.iterator().next() : "B";
	}

	private static boolean valid(Map<String, Object> confirmation) {
		return !flag(confirmation, "IsReversed") && !flag(confirmation, "IsReversal");
	}

	private static BigDecimal sum(List<Map<String, Object>> rows, String column) {
		return rows.stream().map((row) -> decimal(row, column)).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	private static BigDecimal decimal(Map<String, Object> row, String column) {
		return (BigDecimal) row.get(column);
	}

	private static boolean flag(Map<String, Object> row, String column) {
		return (Boolean) row.get(column);
	}

	private static boolean is(Map<String, Object> row, String column, String value) {
		return value.equals(row.get(column));
	}

}
