package org.millgate.contracts.catalog;

/**
 * Priority lane of a plan: when a product's backend is saturated, lower lanes are shed
 * first so that line-critical calls keep flowing.
 */
public enum Priority {

	/** Shed first. */
	LOW,

	/** Shed after {@link #LOW}. */
	NORMAL,

	/** Shed last: production-line traffic. */
	HIGH

}
