package org.millgate.erp.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A component a production order consumes (ISA-95 material requirement), or any other
 * reservation of stock.
 *
 * @param reservation the reservation number
 * @param item the item within it
 * @param orderId the production order it belongs to, or null
 * @param operation the operation that consumes it, or null
 * @param material the material
 * @param plant the plant
 * @param storageLocation the storage location, or null
 * @param batch the batch, or null
 * @param required the quantity required
 * @param withdrawn the quantity already withdrawn
 * @param confirmedAvailable the quantity the ERP's availability check confirmed, as the
 * ERP keeps it (a production order component's {@code ConfirmedAvailableQuantity}); null
 * where the ERP keeps none (the items of the reservation service), never computed or
 * assumed
 * @param requirementDate when it is needed
 * @param finallyIssued no more withdrawals expected
 */
public record MaterialRequirement(String reservation, String item, String orderId, String operation, String material,
		String plant, String storageLocation, String batch, Quantity required, Quantity withdrawn,
		Quantity confirmedAvailable, LocalDate requirementDate, boolean finallyIssued) {

	/**
	 * What is still reserved: required minus withdrawn, zero once finally issued.
	 * @return the open quantity, never negative
	 */
	public Quantity open() {
		if (this.finallyIssued) {
			return Quantity.zero(this.required.unit());
		}
		return new Quantity(this.required.value().subtract(this.withdrawn.value()).max(BigDecimal.ZERO),
				this.required.unit());
	}

}
