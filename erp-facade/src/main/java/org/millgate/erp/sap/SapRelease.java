package org.millgate.erp.sap;

import java.util.List;

/**
 * The names one S/4HANA release uses where releases differ, and what its
 * {@code $metadata} must show.
 */
enum SapRelease {

	S4HANA_2020("2020", "A_ProductionOrderComponent_2", "MfgOrderPlannedTotalQty", "ReleaseProductionOrder", false),

	S4HANA_2022("2022", "A_ProductionOrderComponent_3", "TotalQuantity", "ReleaseOrder", false),

	S4HANA_2023("2023", "A_ProductionOrderComponent_3", "TotalQuantity", "ReleaseOrder", true);

	static final String ORDERS = "/sap/opu/odata/sap/API_PRODUCTION_ORDER_2_SRV";

	static final String CONFIRMATIONS = "/sap/opu/odata/sap/API_PROD_ORDER_CONFIRMATION_2_SRV";

	static final String STOCK_V2 = "/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV";

	static final String STOCK_V4 = "/sap/opu/odata4/sap/api_materialstock/srvd_a2x/sap/materialstock/0001";

	static final String MATERIAL_DOCUMENTS = "/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV";

	static final String RESERVATIONS = "/sap/opu/odata/sap/API_RESERVATION_DOCUMENT_SRV";

	static final String DELIVERIES = "/sap/opu/odata/sap/API_OUTBOUND_DELIVERY_SRV;v=0002";

	static final String PRODUCTS = "/sap/opu/odata/sap/API_PRODUCT_SRV";

	static final String BILLS_OF_MATERIAL = "/sap/opu/odata/sap/API_BILL_OF_MATERIAL_SRV;v=0002";

	static final String PLANTS = "/sap/opu/odata/sap/API_PLANT_SRV";

	final String id;

	final String componentsSet;

	final String plannedQuantity;

	final String releaseAction;

	final boolean stockOnV4;

	SapRelease(String id, String componentsSet, String plannedQuantity, String releaseAction, boolean stockOnV4) {
		this.id = id;
		this.componentsSet = componentsSet;
		this.plannedQuantity = plannedQuantity;
		this.releaseAction = releaseAction;
		this.stockOnV4 = stockOnV4;
	}

	static SapRelease of(String id) {
		for (SapRelease release : values()) {
			if (release.id.equals(id)) {
				return release;
			}
		}
		throw new IllegalArgumentException("unknown S/4HANA release '" + id + "'; known: 2020, 2022, 2023");
	}

	String stockService() {
		return this.stockOnV4 ? STOCK_V4 : STOCK_V2;
	}

	/**
	 * What each service's {@code $metadata} must contain for this release.
	 * @return service path and the markers it must show
	 */
	List<Expectation> expectations() {
		return List.of(new Expectation(ORDERS,
				List.of("EntitySet Name=\"A_ProductionOrder_2\"", "EntitySet Name=\"" + this.componentsSet + "\"",
						"FunctionImport Name=\"" + this.releaseAction + "\"",
						"Property Name=\"" + this.plannedQuantity + "\"")),
				new Expectation(CONFIRMATIONS, List.of("EntitySet Name=\"ProdnOrdConf2\"")),
				new Expectation(stockService(),
						List.of("EntitySet Name=\"A_MatlStkInAcctMod\"",
								this.stockOnV4 ? "Edmx Version=\"4.0\"" : "Edmx Version=\"1.0\"")),
				new Expectation(MATERIAL_DOCUMENTS, List.of("EntitySet Name=\"A_MaterialDocumentHeader\"")),
				new Expectation(RESERVATIONS, List.of("EntitySet Name=\"A_ReservationDocumentItem\"")),
				new Expectation(DELIVERIES, List.of("EntitySet Name=\"A_OutbDeliveryHeader\"")),
				new Expectation(PRODUCTS,
						List.of("EntitySet Name=\"A_ProductUnitsOfMeasure\"",
								"EntitySet Name=\"A_ProductStorageLocation\"")),
				new Expectation(BILLS_OF_MATERIAL,
						// the item's quantity: SAP's published v0002 names it so (not
						// ComponentQuantity)
						List.of("EntitySet Name=\"MaterialBOM\"", "EntitySet Name=\"MaterialBOMItem\"",
								"Property Name=\"BOMHeaderQuantityInBaseUnit\"",
								"Property Name=\"BillOfMaterialItemQuantity\"")),
				new Expectation(PLANTS, List.of("EntitySet Name=\"A_Plant\"")));
	}

	/**
	 * What one service's metadata must show.
	 *
	 * @param service the service path
	 * @param markers texts that must appear in its {@code $metadata}
	 */
	record Expectation(String service, List<String> markers) {

	}

}
