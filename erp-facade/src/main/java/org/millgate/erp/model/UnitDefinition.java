package org.millgate.erp.model;

/**
 * A unit of measure as the ERP defines it, and how many decimals a quantity in it may
 * have: the one rule every product checks quantities by.
 *
 * @param unit the unit (UN/ECE Recommendation 20)
 * @param isoCode the ISO code the ERP keeps for it
 * @param dimension what it measures
 * @param decimals the decimals a quantity in it may have (a piece has none)
 * @param name its English name
 */
public record UnitDefinition(UnitOfMeasure unit, String isoCode, UnitDimension dimension, int decimals, String name) {

}
