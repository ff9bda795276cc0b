package org.millgate.reconciliation.reconcile;

import java.util.List;

/**
 * What one comparison found.
 *
 * @param findings the disagreements
 * @param comparedErp records read from the ERP
 * @param comparedReported records of the other side
 */
record Outcome(List<Finding> findings, int comparedErp, int comparedReported) {

	Outcome {
		findings = List.copyOf(findings);
	}

}
