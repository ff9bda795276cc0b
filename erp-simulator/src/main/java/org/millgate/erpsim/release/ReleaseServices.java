package org.millgate.erpsim.release;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.millgate.erpsim.odata.EdmType;
import org.millgate.erpsim.odata.ODataVersion;
import org.millgate.erpsim.service.Action;
import org.millgate.erpsim.service.EntitySet;
import org.millgate.erpsim.service.Navigation;
import org.millgate.erpsim.service.ODataService;
import org.millgate.erpsim.service.Property;

/**
 * Builds the services of one release. Names follow SAP's published API specifications;
 * where releases differ, the branch says so.
 */
final class ReleaseServices {

	private static final String ODATA_V2 = "/sap/opu/odata/sap/";

	private final ErpRelease release;

	ReleaseServices(ErpRelease release) {
		this.release = release;
	}

	List<ODataService> build() {
		return List.of(productionOrders(), confirmations(), materialStock(), materialDocuments(), reservations(),
				deliveries(), products(), billsOfMaterial(), plants());
	}

	private boolean old() {
		return this.release == ErpRelease.S4HANA_2020;
	}

	private ODataService productionOrders() {
		String components = old() ? "A_ProductionOrderComponent_2" : "A_ProductionOrderComponent_3";
		Property planned = Property.of("TotalQuantity", EdmType.DECIMAL);
		EntitySet header = set("A_ProductionOrder_2", "ProductionOrder", List.of(key(text("ManufacturingOrder", 12)),
				text("ManufacturingOrderType", 4), text("ManufacturingOrderText", 40), text("Material", 40),
				text("ProductionPlant", 4), text("Plant", 4), text("StorageLocation", 4), text("ProductionVersion", 4),
				text("BillOfOperationsGroup", 8), date("MfgOrderCreationDate"), date("MfgOrderPlannedStartDate"),
				time("MfgOrderPlannedStartTime"), date("MfgOrderPlannedEndDate"), time("MfgOrderPlannedEndTime"),
				date("MfgOrderScheduledStartDate"), date("MfgOrderScheduledEndDate"), date("MfgOrderActualReleaseDate"),
				text("ProductionUnit", 3), old() ? planned.renamed("MfgOrderPlannedTotalQty") : planned,
				dec("MfgOrderPlannedScrapQty"), dec("MfgOrderConfirmedYieldQty"), dec("MfgOrderConfirmedScrapQty"),
				dec("ActualDeliveredQuantity"), flag("OrderIsCreated"), flag("OrderIsReleased"),
				flag("OrderIsPartiallyReleased"), flag("OrderIsConfirmed"), flag("OrderIsPartiallyConfirmed"),
				flag("OrderIsDelivered"), flag("OrderIsPartiallyDelivered"), flag("OrderIsTechnicallyCompleted"),
				flag("OrderIsClosed"), flag("OrderIsMarkedForDeletion"), flag("OrderIsLocked"),
				text("LastChangeDateTime", 14)),
				List.of(many("to_ProductionOrderComponent", components, "ManufacturingOrder"),
						many("to_ProductionOrderOperation", "A_ProductionOrderOperation_2", "ManufacturingOrder"),
						many("to_ProductionOrderStatus", "A_ProductionOrderStatus_2", "ManufacturingOrder")));
		EntitySet component = set(components, "ReservationItem", componentProperties(), List.of());
		EntitySet operation = set("A_ProductionOrderOperation_2", "ProductionOrderOperation",
				List.of(key(text("ManufacturingOrder", 12)), key(text("ManufacturingOrderOperation", 4)),
						text("ManufacturingOrderSequence", 6), text("MfgOrderOperationText", 40), text("WorkCenter", 8),
						text("ProductionPlant", 4), dec("OpPlannedTotalQuantity"), dec("OpTotalConfirmedYieldQty"),
						dec("OpTotalConfirmedScrapQty"), text("OperationUnit", 3), date("OpErlstSchedldExecStrtDte"),
						date("OpErlstSchedldExecEndDte"), flag("OperationIsReleased"),
						flag("OperationIsPartiallyConfirmed"), flag("OperationIsConfirmed")),
				List.of());
		EntitySet status = set("A_ProductionOrderStatus_2", "ProductionOrderStatus",
				List.of(key(text("ManufacturingOrder", 12)), key(text("StatusCode", 5)), text("StatusShortName", 4),
						text("StatusName", 30), Property.of("IsUserStatus", EdmType.BOOLEAN)),
				List.of());
		List<Action> actions = new ArrayList<>();
		Property order = text("ManufacturingOrder", 12);
		actions.add(new Action(old() ? "ReleaseProductionOrder" : "ReleaseOrder", "release", List.of(order)));
		actions.add(new Action(old() ? "CompleteTechnicallyProdnOrd" : "TechlyCmpltOrder", "complete", List.of(order)));
		actions.add(new Action(old() ? "CloseProdnOrd" : "CloseOrder", "close", List.of(order)));
		actions.add(new Action(old() ? "SetDeltnFlagProdnOrd" : "DeletionFlagOrder", "delete", List.of(order)));
		if (!old()) {
			actions.add(new Action("ReleaseOperation", "releaseOperation",
					List.of(order, text("ManufacturingOrderOperation", 4))));
		}
		return v2("production-orders", "API_PRODUCTION_ORDER_2_SRV", List.of(header, component, operation, status),
				actions);
	}

	private List<Property> componentProperties() {
		return List.of(key(text("Reservation", 10)), key(text("ReservationItem", 4)),
				key(text("ReservationRecordType", 1)), text("ManufacturingOrder", 12),
				text("ManufacturingOrderOperation", 4), text("Material", 40), text("Plant", 4),
				text("StorageLocation", 4), text("Batch", 10), dec("RequiredQuantity"), dec("WithdrawnQuantity"),
				dec("ConfirmedAvailableQuantity"), text("BaseUnit", 3), date("MatlCompRequirementDate"),
				flag("ReservationIsFinallyIssued"));
	}

	private ODataService confirmations() {
		EntitySet confirmation = new EntitySet("ProdnOrdConf2", "ProdnOrdConf2Type", "Confirmation",
				List.of(key(text("ConfirmationGroup", 10)), key(text("ConfirmationCount", 8)), text("OrderID", 12),
						text("OrderOperation", 4), text("Sequence", 6), text("Material", 40), text("Plant", 4),
						text("WorkCenter", 8), text("ConfirmationUnit", 3), dec("ConfirmationYieldQuantity"),
						dec("ConfirmationScrapQuantity"), dec("ConfirmationReworkQuantity"),
						text("FinalConfirmationType", 1), Property.of("IsFinalConfirmation", EdmType.BOOLEAN),
						Property.of("IsReversed", EdmType.BOOLEAN), Property.of("IsReversal", EdmType.BOOLEAN),
						date("PostingDate"), date("ConfirmedExecutionStartDate"), time("ConfirmedExecutionStartTime"),
						date("ConfirmedExecutionEndDate"), time("ConfirmedExecutionEndTime"),
						text("VarianceReasonCode", 4), text("ConfirmationText", 40),
						Property.of("ExternalSystemConfirmation", EdmType.GUID), text("EnteredByUser", 12),
						Property.of("ConfirmationEntryDateTime", EdmType.DATE_TIME_OFFSET)),
				List.of(), true);
		return v2("confirmations", "API_PROD_ORDER_CONFIRMATION_2_SRV", List.of(confirmation),
				List.of(new Action("CancelProdnOrdConf", "cancel",
						List.of(text("ConfirmationGroup", 10), text("ConfirmationCount", 8)))));
	}

	private ODataService materialStock() {
		Property material = key(text("Material", 40));
		EntitySet stock = set("A_MaterialStock", "Product",
				List.of(new Property("Material", "Product", EdmType.STRING, 40, true),
						new Property("MaterialBaseUnit", "BaseUnit", EdmType.STRING, 3, false)),
				List.of(new Navigation("to_MatlStkInAcctMod", "A_MatlStkInAcctMod", Map.of("Product", "Material"),
						true)));
		EntitySet byAccount = set("A_MatlStkInAcctMod", "MaterialStock",
				List.of(material, key(text("Plant", 4)), key(text("StorageLocation", 4)), key(text("Batch", 10)),
						key(text("Supplier", 10)), key(text("Customer", 10)), key(text("InventorySpecialStockType", 1)),
						key(text("InventoryStockType", 2)), text("MaterialBaseUnit", 3),
						dec("MatlWrhsStkQtyInMatlBaseUnit")),
				List.of());
		if (this.release == ErpRelease.S4HANA_2023) {
			return new ODataService("material-stock",
					"/sap/opu/odata4/sap/api_materialstock/srvd_a2x/sap/materialstock/0001",
					"com.sap.gateway.srvd_a2x.api_materialstock.v0001", ODataVersion.V4, List.of(stock, byAccount),
					List.of());
		}
		return v2("material-stock", "API_MATERIAL_STOCK_SRV", List.of(stock, byAccount), List.of());
	}

	// Goods movements: a document, created with its items (deep insert), moves stock.
	private ODataService materialDocuments() {
		Property year = key(text("MaterialDocumentYear", 4));
		Property document = key(text("MaterialDocument", 10));
		EntitySet header = new EntitySet("A_MaterialDocumentHeader", "A_MaterialDocumentHeaderType",
				"MaterialDocumentHeader",
				List.of(year, document, date("DocumentDate"), date("PostingDate"), text("GoodsMovementCode", 2),
						text("CreatedByUser", 12), date("CreationDate"), time("CreationTime")),
				List.of(new Navigation("to_MaterialDocumentItem", "A_MaterialDocumentItem",
						Map.of("MaterialDocumentYear", "MaterialDocumentYear", "MaterialDocument", "MaterialDocument"),
						true)),
				true);
		EntitySet items = set("A_MaterialDocumentItem", "MaterialDocumentItem",
				List.of(year, document, key(text("MaterialDocumentItem", 4)), text("Material", 40), text("Plant", 4),
						text("StorageLocation", 4), text("Batch", 10), text("GoodsMovementType", 3),
						text("InventoryStockType", 2), text("IssuingOrReceivingStorageLoc", 4),
						text("ManufacturingOrder", 12), text("Reservation", 10), text("ReservationItem", 4),
						text("GoodsMovementReasonCode", 4), text("EntryUnit", 3), dec("QuantityInEntryUnit"),
						text("MaterialBaseUnit", 3), dec("QuantityInBaseUnit"),
						Property.of("GoodsMovementIsCancelled", EdmType.BOOLEAN)),
				List.of());
		return v2("material-documents", "API_MATERIAL_DOCUMENT_SRV", List.of(header, items), List.of());
	}

	private ODataService reservations() {
		EntitySet items = set("A_ReservationDocumentItem", "ReservationItem", List.of(key(text("Reservation", 10)),
				key(text("ReservationItem", 4)),
				new Property("RecordType", "ReservationRecordType", EdmType.STRING, 1, true),
				new Property("Product", "Material", EdmType.STRING, 40, false), text("Plant", 4),
				text("StorageLocation", 4), text("Batch", 10),
				new Property("OrderID", "ManufacturingOrder", EdmType.STRING, 12, false),
				date("MatlCompRequirementDate"),
				new Property("ResvnItmRequiredQtyInBaseUnit", "RequiredQuantity", EdmType.DECIMAL, 0, false),
				new Property("ResvnItmWithdrawnQtyInBaseUnit", "WithdrawnQuantity", EdmType.DECIMAL, 0, false),
				new Property("BaseUnit", "BaseUnit", EdmType.STRING, 3, false),
				new Property("ReservationItemIsFinallyIssued", "ReservationIsFinallyIssued", EdmType.BOOLEAN, 0, false),
				Property.of("GoodsMovementIsAllowed", EdmType.BOOLEAN)), List.of());
		return v2("reservations", "API_RESERVATION_DOCUMENT_SRV", List.of(items), List.of());
	}

	private ODataService deliveries() {
		EntitySet header = set("A_OutbDeliveryHeader", "DeliveryHeader",
				List.of(key(text("DeliveryDocument", 10)), text("DeliveryDocumentType", 4), text("ShippingPoint", 4),
						text("SoldToParty", 10), text("ShipToParty", 10), text("OverallPickingStatus", 1),
						text("OverallPickingConfStatus", 1), text("OverallPackingStatus", 1),
						text("OverallGoodsMovementStatus", 1), text("OverallProofOfDeliveryStatus", 1),
						text("OverallWarehouseActivityStatus", 1), text("TotalBlockStatus", 1),
						date("PlannedGoodsIssueDate"), date("ActualGoodsMovementDate"), date("DeliveryDate"),
						date("CreationDate"), date("LastChangeDate")),
				List.of(many("to_DeliveryDocumentItem", "A_OutbDeliveryItem", "DeliveryDocument")));
		EntitySet items = set("A_OutbDeliveryItem", "DeliveryItem",
				List.of(key(text("DeliveryDocument", 10)), key(text("DeliveryDocumentItem", 6)), text("Material", 40),
						text("Plant", 4), text("StorageLocation", 4), text("Batch", 10), dec("ActualDeliveryQuantity"),
						text("DeliveryQuantityUnit", 3), text("PickingStatus", 1), text("PackingStatus", 1),
						text("GoodsMovementStatus", 1)),
				List.of());
		return v2("deliveries", "API_OUTBOUND_DELIVERY_SRV;v=0002", List.of(header, items), List.of());
	}

	private ODataService products() {
		EntitySet product = set("A_Product", "Product",
				List.of(key(text("Product", 40)), text("ProductType", 4), text("BaseUnit", 3), text("ProductGroup", 9),
						// NTGEW and BRGEW: QUAN 13,3
						dec("GrossWeight").digits(13, 3), dec("NetWeight").digits(13, 3), text("WeightUnit", 3),
						Property.of("IsBatchManagementRequired", EdmType.BOOLEAN),
						Property.of("IsMarkedForDeletion", EdmType.BOOLEAN), date("LastChangeDate")),
				List.of(many("to_Description", "A_ProductDescription", "Product"),
						many("to_Plant", "A_ProductPlant", "Product"),
						many("to_ProductUnitsOfMeasure", "A_ProductUnitsOfMeasure", "Product")));
		EntitySet description = set("A_ProductDescription", "ProductDescription",
				List.of(key(text("Product", 40)), key(text("Language", 2)), text("ProductDescription", 40)), List.of());
		EntitySet plant = set("A_ProductPlant", "ProductPlant",
				List.of(key(text("Product", 40)), key(text("Plant", 4)),
						Property.of("IsBatchManagementRequired", EdmType.BOOLEAN), text("MRPType", 2),
						text("MRPResponsible", 3), text("ProcurementType", 1)),
				List.of(new Navigation("to_StorageLocation", "A_ProductStorageLocation",
						Map.of("Product", "Product", "Plant", "Plant"), true)));
		EntitySet storageLocation = set("A_ProductStorageLocation", "ProductStorageLocation",
				List.of(key(text("Product", 40)), key(text("Plant", 4)), key(text("StorageLocation", 4)),
						text("WarehouseStorageBin", 10), Property.of("IsMarkedForDeletion", EdmType.BOOLEAN)),
				List.of());
		EntitySet units = set("A_ProductUnitsOfMeasure", "ProductUnitOfMeasure",
				List.of(key(text("Product", 40)), key(text("AlternativeUnit", 3)),
						// UMREZ and UMREN: DEC 5, whole numbers
						dec("QuantityNumerator").digits(5, 0), dec("QuantityDenominator").digits(5, 0)),
				List.of());
		return v2("products", "API_PRODUCT_SRV", List.of(product, description, plant, storageLocation, units),
				List.of());
	}

	// Bills of materials: a header per material, plant, usage and alternative, with items
	// valid from and to a day (engineering change management).
	private ODataService billsOfMaterial() {
		List<Property> headerKeys = List.of(key(text("BillOfMaterial", 8)), key(text("BillOfMaterialCategory", 1)),
				key(text("BillOfMaterialVariant", 2)), key(text("BillOfMaterialVersion", 4)),
				key(text("EngineeringChangeDocument", 12)), key(text("Material", 40)), key(text("Plant", 4)));
		List<Property> header = new ArrayList<>(headerKeys);
		header.addAll(List.of(text("BillOfMaterialVariantUsage", 1), date("HeaderValidityStartDate"),
				date("HeaderValidityEndDate"), text("BOMHeaderBaseUnit", 3),
				dec("BOMHeaderQuantityInBaseUnit").digits(13, 3), Property.of("IsMarkedForDeletion", EdmType.BOOLEAN)));
		EntitySet bom = set("MaterialBOM", "BillOfMaterial", header, List
			.of(new Navigation("to_BillOfMaterialItem", "MaterialBOMItem",
					Map.of("BillOfMaterial", "BillOfMaterial", "BillOfMaterialCategory", "BillOfMaterialCategory",
							"BillOfMaterialVariant", "BillOfMaterialVariant", "Material", "Material", "Plant", "Plant"),
					true)));
		EntitySet item = set("MaterialBOMItem", "BillOfMaterialItem",
				List.of(key(text("BillOfMaterial", 8)), key(text("BillOfMaterialCategory", 1)),
						key(text("BillOfMaterialVariant", 2)), key(text("BillOfMaterialVersion", 4)),
						key(text("BillOfMaterialItemNodeNumber", 8)), key(text("HeaderChangeDocument", 12)),
						key(text("Material", 40)), key(text("Plant", 4)), text("BillOfMaterialItemNumber", 4),
						text("BillOfMaterialComponent", 40), text("BillOfMaterialItemCategory", 1),
						dec("BillOfMaterialItemQuantity").digits(13, 3), text("BillOfMaterialItemUnit", 3),
						date("ValidityStartDate"), date("ValidityEndDate")),
				List.of());
		return v2("bills-of-material", "API_BILL_OF_MATERIAL_SRV;v=0002", List.of(bom, item), List.of());
	}

	private ODataService plants() {
		EntitySet plant = set("A_Plant", "Plant",
				List.of(key(text("Plant", 4)), text("PlantName", 30), text("FactoryCalendar", 2), text("Language", 2)),
				List.of(many("to_StorageLocation", "A_StorageLocation", "Plant")));
		EntitySet storageLocation = set("A_StorageLocation", "StorageLocation",
				List.of(key(text("Plant", 4)), key(text("StorageLocation", 4)), text("StorageLocationName", 16)),
				List.of());
		return v2("plants", "API_PLANT_SRV", List.of(plant, storageLocation), List.of());
	}

	private static ODataService v2(String id, String name, List<EntitySet> sets, List<Action> actions) {
		return new ODataService(id, ODATA_V2 + name, name.replaceAll(";.*", ""), ODataVersion.V2, sets, actions);
	}

	private static EntitySet set(String name, String table, List<Property> properties, List<Navigation> navigations) {
		return new EntitySet(name, name + "Type", table, properties, navigations, false);
	}

	private static Navigation many(String name, String target, String column) {
		return new Navigation(name, target, Map.of(column, column), true);
	}

	private static Property key(Property property) {
		return property.asKey();
	}

	private static Property text(String name, int length) {
		return Property.text(name, length);
	}

	private static Property dec(String name) {
		return Property.of(name, EdmType.DECIMAL);
	}

	private static Property date(String name) {
		return Property.of(name, EdmType.DATE_TIME);
	}

	private static Property time(String name) {
		return Property.of(name, EdmType.TIME);
	}

	// SAP's indicator fields: "X" when set, "" when not; held as a Boolean column.
	private static Property flag(String name) {
		return Property.text(name, 1);
	}

}
