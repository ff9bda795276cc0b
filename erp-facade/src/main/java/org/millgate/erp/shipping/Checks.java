package org.millgate.erp.shipping;

/**
 * The processing checks a shipment's status is derived from.
 *
 * @param picking progress of picking
 * @param packing progress of packing
 * @param goodsIssue progress of goods issue
 * @param proofOfDelivery progress of the ship-to party's proof of delivery
 * @param qualityReleased whether every batch on the shipment is quality released
 * @param blocked whether anything blocks the shipment
 */
public record Checks(Step picking, Step packing, Step goodsIssue, Step proofOfDelivery, boolean qualityReleased,
		boolean blocked) {

	/**
	 * The canonical status, by the contract's rules: evaluated from {@code DELIVERED}
	 * back to {@code PLANNED}, the first that applies.
	 * @return the status
	 */
	public ShipmentStatus status() {
		if (this.goodsIssue == Step.COMPLETED) {
			return (this.proofOfDelivery == Step.COMPLETED) ? ShipmentStatus.DELIVERED : ShipmentStatus.SHIPPED;
		}
		if (this.picking == Step.COMPLETED) {
			boolean packed = this.packing == Step.COMPLETED;
			if ((packed || this.packing == Step.NOT_RELEVANT) && this.qualityReleased && !this.blocked) {
				return ShipmentStatus.READY_FOR_SHIPMENT;
			}
			return packed ? ShipmentStatus.PACKED : ShipmentStatus.PICKED;
		}
		return (this.picking == Step.IN_PROGRESS) ? ShipmentStatus.PICKING : ShipmentStatus.PLANNED;
	}

}
