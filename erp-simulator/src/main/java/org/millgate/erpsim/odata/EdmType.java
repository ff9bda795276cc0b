package org.millgate.erpsim.odata;

/**
 * The Entity Data Model types the simulated services use, with their EDMX names.
 */
public enum EdmType {

	/** Text; {@code 'quoted'} in filters. */
	STRING("Edm.String"),

	/**
	 * Decimal number; a JSON string in OData v2 ({@code "12.5"}), a JSON number in v4.
	 */
	DECIMAL("Edm.Decimal"),

	/** Whole number. */
	INT32("Edm.Int32"),

	/** true or false. */
	BOOLEAN("Edm.Boolean"),

	/**
	 * A date and time without zone (v2): {@code /Date(ms)/} in JSON,
	 * {@code datetime'...'} in filters.
	 */
	DATE_TIME("Edm.DateTime"),

	/**
	 * A date and time with offset: {@code /Date(ms+0000)/} in v2 JSON, ISO 8601 in v4.
	 */
	DATE_TIME_OFFSET("Edm.DateTimeOffset"),

	/** A date (v4 only): ISO {@code 2026-03-01}. */
	DATE("Edm.Date"),

	/**
	 * A time of day: {@code PT15H51M04S} in v2 JSON, {@code time'PT15H51M04S'} in
	 * filters.
	 */
	TIME("Edm.Time"),

	/** A UUID: {@code guid'...'} in v2 filters. */
	GUID("Edm.Guid");

	private final String edmName;

	EdmType(String edmName) {
		this.edmName = edmName;
	}

	/**
	 * The type's name in {@code $metadata}.
	 * @return e.g. {@code Edm.Decimal}
	 */
	public String edmName() {
		return this.edmName;
	}

}
