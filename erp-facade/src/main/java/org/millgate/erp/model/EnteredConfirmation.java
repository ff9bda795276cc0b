package org.millgate.erp.model;

/**
 * A confirmation as the ERP entered it, with what a reader of the ERP's changes needs
 * beside the confirmation itself: whose order it is and who entered it.
 *
 * @param confirmation the confirmation
 * @param plant the plant that produces the order
 * @param material the material the order produces
 * @param varianceReason the reason given for a variance, or null
 * @param enteredBy the ERP user who entered it (upper case), or null when the ERP does
 * not say
 */
public record EnteredConfirmation(Confirmation confirmation, String plant, String material, String varianceReason,
		String enteredBy) {

}
