package org.millgate.erpsim.data;

import java.util.Map;
import java.util.TreeMap;

/**
 * Every table of the simulated ERP, by name.
 */
public final class ErpData {

	/** Table names, shared by every release's entity sets. */
	public static final String[] TABLES = { "ProductionOrder", "ProductionOrderOperation", "ProductionOrderStatus",
			"ReservationItem", "Confirmation", "MaterialStock", "MaterialDocumentHeader", "MaterialDocumentItem",
			"DeliveryHeader", "DeliveryItem", "Product", "ProductDescription", "ProductPlant", "ProductStorageLocation",
			"ProductUnitOfMeasure", "BillOfMaterial", "BillOfMaterialItem", "Plant", "StorageLocation" };

	private final Map<String, Table> tables = new TreeMap<>();

	public ErpData() {
		for (String name : TABLES) {
			this.tables.put(name, new Table(name));
		}
	}

	/**
	 * Replaces every table's rows with those of another data set, e.g. a fresh seed.
	 * @param source where the rows come from
	 */
	public synchronized void restore(ErpData source) {
		this.tables.forEach((name, table) -> table.replaceAll(source.table(name).rows()));
	}

	/**
	 * A table by name.
	 * @param name one of {@link #TABLES}
	 * @return the table
	 * @throws IllegalArgumentException for an unknown name
	 */
	public Table table(String name) {
		Table table = this.tables.get(name);
		if (table == null) {
			throw new IllegalArgumentException("no table " + name);
		}
		return table;
	}

}
