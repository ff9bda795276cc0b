package org.millgate.erp.shipping;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which plant each shipping point belongs to, as configured: the ERP's delivery names its
 * shipping point only, and a plant may ship through several. A shipping point not listed
 * belongs to no known plant, and its shipments are shown to no one.
 */
public final class ShippingPoints {

	private final Map<String, String> plants;

	/**
	 * The shipping points of a configuration.
	 * @param plantByShippingPoint shipping point to the plant it belongs to
	 */
	public ShippingPoints(Map<String, String> plantByShippingPoint) {
		this.plants = new TreeMap<>(plantByShippingPoint);
	}

	/**
	 * The plant of a shipping point.
	 * @param shippingPoint the shipping point
	 * @return its plant, or null when it is not configured
	 */
	public String plantOf(String shippingPoint) {
		return this.plants.get(shippingPoint);
	}

	/**
	 * The shipping points of some plants.
	 * @param plants the plants
	 * @return every configured shipping point of them, possibly none
	 */
	public Set<String> of(Set<String> plants) {
		Set<String> points = new TreeSet<>();
		this.plants.forEach((point, plant) -> {
			if (plants.contains(plant)) {
				points.add(point);
			}
		});
		return points;
	}

}
