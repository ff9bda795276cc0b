package org.millgate.erp.model;

/**
 * How a plant gets a material.
 */
public enum ProcurementType {

	/** Made in the plant. */
	IN_HOUSE,

	/** Bought. */
	EXTERNAL,

	/** Made or bought. */
	BOTH,

	/** Not planned: neither made nor bought by planning. */
	NONE

}
