package org.millgate.erp.model;

import java.math.BigDecimal;

/**
 * How many base units one alternative unit is: {@code 1 unit = numerator / denominator}
 * base units.
 *
 * @param unit the alternative unit
 * @param numerator numerator
 * @param denominator denominator
 */
public record UnitConversion(UnitOfMeasure unit, BigDecimal numerator, BigDecimal denominator) {

}
