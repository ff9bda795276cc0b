package org.millgate.erpsim.odata.filter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.millgate.erpsim.odata.EdmType;

/**
 * The type of an operand: the property types plus the numeric literal types and
 * {@code null}. Numeric values are held as {@link BigDecimal} whatever their type.
 */
enum ValueType {

	STRING("Edm.String", String.class),

	DECIMAL("Edm.Decimal", BigDecimal.class),

	INT32("Edm.Int32", BigDecimal.class),

	INT64("Edm.Int64", BigDecimal.class),

	DOUBLE("Edm.Double", BigDecimal.class),

	SINGLE("Edm.Single", BigDecimal.class),

	BOOLEAN("Edm.Boolean", Boolean.class),

	DATE_TIME("Edm.DateTime", LocalDateTime.class),

	DATE_TIME_OFFSET("Edm.DateTimeOffset", OffsetDateTime.class),

	DATE("Edm.Date", LocalDate.class),

	TIME("Edm.Time", LocalTime.class),

	GUID("Edm.Guid", UUID.class),

	/** The type of the {@code null} literal. */
	NULL("null", Object.class);

	private final String edmName;

	private final Class<?> javaType;

	ValueType(String edmName, Class<?> javaType) {
		this.edmName = edmName;
		this.javaType = javaType;
	}

	static ValueType of(EdmType type) {
		return switch (type) {
			case STRING -> STRING;
			case DECIMAL -> DECIMAL;
			case INT32 -> INT32;
			case BOOLEAN -> BOOLEAN;
			case DATE_TIME -> DATE_TIME;
			case DATE_TIME_OFFSET -> DATE_TIME_OFFSET;
			case DATE -> DATE;
			case TIME -> TIME;
			case GUID -> GUID;
		};
	}

	String edmName() {
		return this.edmName;
	}

	Class<?> javaType() {
		return this.javaType;
	}

	boolean isNumeric() {
		return this.javaType == BigDecimal.class;
	}

	/**
	 * Whether {@code gt}, {@code ge}, {@code lt} and {@code le} apply.
	 * @return false for booleans and null
	 */
	boolean isOrdered() {
		return this != BOOLEAN && this != NULL;
	}

	/**
	 * Whether {@code eq} and {@code ne} may compare this type with another.
	 * @param other the other operand's type
	 * @return true for equal types, two numeric types, or null with anything
	 */
	boolean isComparableWith(ValueType other) {
		return this == other || this == NULL || other == NULL || (isNumeric() && other.isNumeric());
	}

}
