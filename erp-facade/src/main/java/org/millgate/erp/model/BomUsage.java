package org.millgate.erp.model;

/**
 * What a bill of materials is for.
 */
public enum BomUsage {

	/** Making the material: what production orders reserve. */
	PRODUCTION,

	/** Engineering and design. */
	ENGINEERING,

	/** Any purpose. */
	UNIVERSAL,

	/** Maintaining plant equipment. */
	PLANT_MAINTENANCE,

	/** Selling the material. */
	SALES,

	/** Costing the material. */
	COSTING

}
