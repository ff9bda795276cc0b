package org.millgate.reconciliation.reconcile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * How far two quantities may differ per plant and still be taken as equal: a share of the
 * larger one, in percent.
 */
public final class Tolerances {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final Map<String, BigDecimal> percentByPlant;

	/**
	 * Tolerances.
	 * @param percentByPlant the percentage per plant; a plant not listed tolerates none
	 */
	public Tolerances(Map<String, BigDecimal> percentByPlant) {
		this.percentByPlant = Map.copyOf(percentByPlant);
	}

	boolean equal(String plant, BigDecimal a, BigDecimal b) {
		BigDecimal difference = a.subtract(b).abs();
		if (difference.signum() == 0) {
			return true;
		}
		BigDecimal percent = this.percentByPlant.getOrDefault(plant, BigDecimal.ZERO);
		BigDecimal allowed = a.abs().max(b.abs()).multiply(percent).divide(HUNDRED, 3, RoundingMode.HALF_EVEN);
		return difference.compareTo(allowed) <= 0;
	}

}
