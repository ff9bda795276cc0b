package org.millgate.erp.model;

/**
 * Where a production order stands, as independent facts; products derive their canonical
 * status from them.
 *
 * @param released released for production
 * @param partiallyReleased some operations released
 * @param partiallyConfirmed some work confirmed
 * @param confirmed all work confirmed
 * @param partiallyDelivered some output received into stock
 * @param delivered all output received
 * @param technicallyCompleted technically complete: no more work expected
 * @param closed closed for good
 * @param markedForDeletion flagged for deletion
 * @param locked locked against changes
 */
public record OrderProgress(boolean released, boolean partiallyReleased, boolean partiallyConfirmed, boolean confirmed,
		boolean partiallyDelivered, boolean delivered, boolean technicallyCompleted, boolean closed,
		boolean markedForDeletion, boolean locked) {

}
