package org.millgate.erp.model;

/**
 * What kind of material a material is, as plants tell them apart.
 */
public enum MaterialType {

	/** Made and sold. */
	FINISHED,

	/** Made and used to make something else. */
	SEMI_FINISHED,

	/** Bought and used to make something. */
	RAW,

	/** Bought to pack what is made. */
	PACKAGING,

	/** Bought and sold as it is. */
	TRADING,

	/** Any other kind the ERP knows. */
	OTHER

}
