package org.millgate.web;

import java.math.BigDecimal;
import java.math.RoundingMode;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * One JSON form for every decimal an API answers with: a number with exactly
 * {@value #SCALE} decimals, the scale SAP keeps quantities in (QUAN 13,3), zero included
 * ({@code 0.000}, {@code 42.000}, {@code 0.250}). Whatever the ERP, a conversion or a sum
 * produced, every product and version writes the same text, so that a consumer's tooling
 * reads it the same way: Pact's reference core, for one, tells {@code 0} (an integer)
 * from a decimal. A value with more decimals (a quantity converted into another unit) is
 * rounded half-even to {@value #SCALE}.
 */
public final class Decimals {

	/** The decimals every decimal number is written with. */
	public static final int SCALE = 3;

	private static final JacksonModule MODULE = new SimpleModule("millgate-decimals").addSerializer(BigDecimal.class,
			new ValueSerializer<BigDecimal>() {

				@Override
				public void serialize(BigDecimal value, JsonGenerator generator, SerializationContext context) {
					generator.writeNumber(wire(value));
				}

			});

	private Decimals() {
	}

	/**
	 * A decimal as the APIs write it.
	 * @param value the value
	 * @return the value with {@value #SCALE} decimals
	 */
	public static BigDecimal wire(BigDecimal value) {
		return value.setScale(SCALE, RoundingMode.HALF_EVEN);
	}

	/**
	 * The Jackson module that writes every {@link BigDecimal} so.
	 * @return the module
	 */
	public static JacksonModule module() {
		return MODULE;
	}

}
