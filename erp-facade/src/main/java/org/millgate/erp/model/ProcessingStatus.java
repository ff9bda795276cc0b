package org.millgate.erp.model;

/**
 * How far a step of a shipment (picking, packing, goods movement, proof of delivery) has
 * gone.
 */
public enum ProcessingStatus {

	/** The step does not apply. */
	NOT_RELEVANT,

	/** Not started. */
	NOT_STARTED,

	/** Partly done. */
	PARTIAL,

	/** Done. */
	COMPLETE

}
