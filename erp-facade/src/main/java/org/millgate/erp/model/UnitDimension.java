package org.millgate.erp.model;

/**
 * What a unit of measure measures.
 */
public enum UnitDimension {

	/** A count: pieces, packs, cartons. */
	COUNT, MASS, LENGTH, AREA, VOLUME, TIME,

	/** Anything else, or a unit the ERP's table does not describe. */
	OTHER

}
