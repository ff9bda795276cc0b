package org.millgate.erp.shipping;

import org.millgate.erp.model.ProcessingStatus;

/**
 * Progress of one processing step of a shipment, in the contract's words
 * ({@code ProcessingStatus}).
 */
public enum Step {

	/** The step does not apply. */
	NOT_RELEVANT,

	/** The step applies; nothing of it is done. */
	NOT_STARTED,

	/** Partly done. */
	IN_PROGRESS,

	/** Done for every item. */
	COMPLETED;

	/**
	 * The step for the facade's processing status.
	 * @param status the facade's status, null when the ERP left it empty
	 * @return the step; an empty status counts as not relevant, as in the ERP
	 */
	public static Step of(ProcessingStatus status) {
		if (status == null) {
			return NOT_RELEVANT;
		}
		return switch (status) {
			case NOT_RELEVANT -> NOT_RELEVANT;
			case NOT_STARTED -> NOT_STARTED;
			case PARTIAL -> IN_PROGRESS;
			case COMPLETE -> COMPLETED;
		};
	}

}
