package org.millgate.reconciliation.reconcile;

import java.util.Locale;

/**
 * What disagrees, with the area that finds it, the system that should win and the API
 * product whose owner team owns the figure.
 */
public enum MismatchKind {

	/** Posted through the platform and answered 201, not in the ERP. */
	CONFIRMATION_MISSING_IN_ERP(Area.CONFIRMATIONS, SystemOfRecord.MES),

	/** In the ERP, entered there directly: MES does not know it. */
	CONFIRMATION_NOT_POSTED_THROUGH_PLATFORM(Area.CONFIRMATIONS, SystemOfRecord.ERP),

	/** Another yield or scrap in the ERP than posted. */
	CONFIRMATION_QUANTITY(Area.CONFIRMATIONS, SystemOfRecord.MES),

	/** Another unit in the ERP than posted, one that cannot be converted. */
	CONFIRMATION_UNIT(Area.CONFIRMATIONS, SystemOfRecord.MES),

	/** Reversed in the ERP while MES still counts it. */
	CONFIRMATION_REVERSED_IN_ERP(Area.CONFIRMATIONS, SystemOfRecord.ERP),

	/** Another quantity in a stock status, and the totals differ too. */
	STOCK_QUANTITY(Area.INVENTORY, SystemOfRecord.WMS),

	/** The same total, split differently over the stock statuses. */
	STOCK_STATUS(Area.INVENTORY, SystemOfRecord.ERP),

	/** Counted, but the ERP books no stock of it. */
	STOCK_MISSING_IN_ERP(Area.INVENTORY, SystemOfRecord.WMS),

	/** Booked in a counted storage location, but not counted. */
	STOCK_MISSING_IN_WMS(Area.INVENTORY, SystemOfRecord.WMS),

	/** A reported shipment status the ERP's does not agree with. */
	SHIPMENT_STATUS(Area.SHIPMENTS, SystemOfRecord.ERP);

	private final Area area;

	private final SystemOfRecord systemOfRecord;

	MismatchKind(Area area, SystemOfRecord systemOfRecord) {
		this.area = area;
		this.systemOfRecord = systemOfRecord;
	}

	public Area area() {
		return this.area;
	}

	public SystemOfRecord systemOfRecord() {
		return this.systemOfRecord;
	}

	/**
	 * The API product whose owner team owns the figure.
	 * @return its catalog id
	 */
	public String owningProduct() {
		return switch (this.area) {
			case CONFIRMATIONS -> "production-orders";
			case INVENTORY -> "inventory";
			case SHIPMENTS -> "shipments";
		};
	}

	/**
	 * The first part of the mismatch ids of this kind, e.g. {@code stock-quantity}.
	 * @return the prefix
	 */
	public String idPrefix() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
