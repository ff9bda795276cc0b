package org.millgate.contracts.units;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.catalog.CatalogException;
import org.millgate.contracts.catalog.ClasspathYaml;

import static org.millgate.contracts.catalog.ClasspathYaml.text;

/**
 * The platform's units of measure ({@code millgate/contracts/units-of-measure.yaml}),
 * loaded once; immutable. The one rule for decimals: a quantity in a unit of the table
 * may have the unit's decimals, a quantity in any other unit the {@value #QUANTITY_SCALE}
 * of SAP's quantity type (QUAN 13,3).
 */
public final class UnitsOfMeasure {

	/** The decimals of SAP's quantity type, for a unit the table does not hold. */
	public static final int QUANTITY_SCALE = 3;

	/** The digits of SAP's quantity type. */
	public static final int QUANTITY_PRECISION = 13;

	private static final int SHOWN_PLAIN = 40;

	private static final String LOCATION = "millgate/contracts/units-of-measure.yaml";

	private static final Set<String> DIMENSIONS = Set.of("COUNT", "MASS", "LENGTH", "AREA", "VOLUME", "TIME", "OTHER");

	private static final Pattern CODE = Pattern.compile("^[A-Z0-9]{2,3}$");

	private static final UnitsOfMeasure STANDARD = load();

	private final Map<String, UnitOfMeasure> units;

	private final List<UnitOfMeasure> sorted;

	private UnitsOfMeasure(Map<String, UnitOfMeasure> units) {
		this.units = units;
		List<UnitOfMeasure> all = new ArrayList<>(units.values());
		all.sort((a, b) -> a.code().compareTo(b.code()));
		this.sorted = List.copyOf(all);
	}

	/**
	 * The platform's table, read once from the classpath.
	 * @return the units
	 */
	public static UnitsOfMeasure standard() {
		return STANDARD;
	}

	private static UnitsOfMeasure load() {
		return of(ClasspathYaml.read(LOCATION));
	}

	static UnitsOfMeasure of(JsonNode root) {
		Map<String, UnitOfMeasure> units = new LinkedHashMap<>();
		JsonNode list = root.path("units");
		for (int i = 0; i < list.size(); i++) {
			JsonNode node = list.get(i);
			String at = "units-of-measure.yaml /units/" + i;
			UnitOfMeasure unit = new UnitOfMeasure(text(node, "code", at), text(node, "isoCode", at),
					text(node, "dimension", at), node.path("decimals").asInt(-1), text(node, "name", at));
			if (!CODE.matcher(unit.code()).matches()) {
				throw new CatalogException(at + "/code: '" + unit.code() + "' is not a UN/ECE Rec 20 code");
			}
			if (!DIMENSIONS.contains(unit.dimension())) {
				throw new CatalogException(at + "/dimension: one of " + DIMENSIONS + ", not " + unit.dimension());
			}
			if (unit.decimals() < 0 || unit.decimals() > QUANTITY_SCALE) {
				throw new CatalogException(at + "/decimals: must be 0.." + QUANTITY_SCALE);
			}
			if (units.putIfAbsent(unit.code(), unit) != null) {
				throw new CatalogException(at + ": the unit " + unit.code() + " is defined twice");
			}
		}
		if (units.isEmpty()) {
			throw new CatalogException(LOCATION + " defines no unit");
		}
		return new UnitsOfMeasure(Map.copyOf(units));
	}

	/**
	 * Every unit of the table.
	 * @return the units, in order of their code
	 */
	public List<UnitOfMeasure> all() {
		return this.sorted;
	}

	/**
	 * A unit of the table.
	 * @param code its UN/ECE code
	 * @return the unit, or empty when the table does not hold it
	 */
	public Optional<UnitOfMeasure> find(String code) {
		return Optional.ofNullable(this.units.get(code));
	}

	/**
	 * The decimals a quantity in a unit may have.
	 * @param code the unit's UN/ECE code
	 * @return the unit's decimals, or {@value #QUANTITY_SCALE} for a unit the table does
	 * not hold
	 */
	public int decimals(String code) {
		UnitOfMeasure unit = this.units.get(code);
		return (unit != null) ? unit.decimals() : QUANTITY_SCALE;
	}

	/**
	 * What is wrong with a quantity by the ERP's rule: at most 10 digits before the
	 * decimal point (SAP's QUAN 13,3), and no more decimals than its unit has.
	 * @param value the quantity, exactly as sent
	 * @param unit its unit's UN/ECE code
	 * @return why the ERP would refuse the quantity, or empty when it would not
	 */
	public Optional<String> check(BigDecimal value, String unit) {
		BigDecimal plain = value.stripTrailingZeros();
		int decimals = Math.max(0, plain.scale());
		int integers = Math.max(0, plain.precision() - plain.scale());
		if (integers > QUANTITY_PRECISION - QUANTITY_SCALE) {
			return Optional.of(shown(plain) + " " + unit + " has " + integers
					+ " digits before the decimal point; the ERP keeps at most 9999999999.999");
		}
		int allowed = decimals(unit);
		if (decimals <= allowed) {
			return Optional.empty();
		}
		return Optional.of(shown(plain) + " " + unit + " has " + decimals + ((decimals == 1) ? " decimal" : " decimals")
				+ "; a quantity in " + unit + find(unit).map((known) -> " (" + known.name() + ")").orElse("") + " has "
				+ ((allowed == 0) ? "no decimals" : "at most " + allowed)
				+ " (GET /v1/units-of-measure of master-data)");
	}

	// the value as a reader expects it, without writing out a billion zeros of
	// 1e-999999999
	private static String shown(BigDecimal plain) {
		return (Math.abs(plain.scale()) <= SHOWN_PLAIN && plain.precision() <= SHOWN_PLAIN) ? plain.toPlainString()
				: plain.toString();
	}

}
