package org.millgate.contracts.units;

/**
 * A unit of measure of the platform's table.
 *
 * @param code the UN/ECE Recommendation 20 code, as the contracts' {@code unit}
 * @param isoCode the ISO code the ERP keeps for it
 * @param dimension what it measures: {@code COUNT}, {@code MASS}, {@code LENGTH},
 * {@code AREA}, {@code VOLUME}, {@code TIME} or {@code OTHER}
 * @param decimals the decimals a quantity in it may have (a piece has none)
 * @param name its English name
 */
public record UnitOfMeasure(String code, String isoCode, String dimension, int decimals, String name) {

}
