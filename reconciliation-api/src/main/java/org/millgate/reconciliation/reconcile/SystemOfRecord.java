package org.millgate.reconciliation.reconcile;

/**
 * The system whose value is taken to be right.
 */
public enum SystemOfRecord {

	/** Planning and financial figures. */
	ERP,

	/** What was executed. */
	MES,

	/** What is physically in the warehouse. */
	WMS

}
