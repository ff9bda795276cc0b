package org.millgate.inventory.availability;

import java.math.BigDecimal;

/**
 * The contract's buckets for one material, in one unit.
 *
 * @param onHand unrestricted stock of the plant's own
 * @param allocated open reservations
 * @param qualityHold stock in quality inspection
 * @param blocked blocked, returns blocked, goods-receipt blocked and restricted stock
 * @param inTransit stock in transit or in transfer between plants or storage locations
 * @param productionConsumable unrestricted stock in production supply storage locations
 */
public record StockFigures(BigDecimal onHand, BigDecimal allocated, BigDecimal qualityHold, BigDecimal blocked,
		BigDecimal inTransit, BigDecimal productionConsumable) {

	static final StockFigures ZERO = new StockFigures(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
			BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

	/**
	 * On hand minus allocated, never negative.
	 * @return the available quantity
	 */
	public BigDecimal available() {
		return this.onHand.subtract(this.allocated).max(BigDecimal.ZERO);
	}

	/**
	 * Whether more is reserved than is on hand.
	 * @return true when over-allocated
	 */
	public boolean overAllocated() {
		return this.allocated.compareTo(this.onHand) > 0;
	}

	StockFigures plus(StockFigures other) {
		return new StockFigures(this.onHand.add(other.onHand), this.allocated.add(other.allocated),
				this.qualityHold.add(other.qualityHold), this.blocked.add(other.blocked),
				this.inTransit.add(other.inTransit), this.productionConsumable.add(other.productionConsumable));
	}

}
