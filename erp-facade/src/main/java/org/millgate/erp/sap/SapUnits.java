package org.millgate.erp.sap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.millgate.erp.model.UnitDefinition;
import org.millgate.erp.model.UnitDimension;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.model.UnitTable;
import org.millgate.erp.port.ErpFailure;

/**
 * Which SAP unit is which unit of the canonical model (UN/ECE Recommendation 20), and
 * what the platform's {@link UnitTable} says of each: ISO code, dimension and the
 * decimals a quantity in the unit may have. Plants add their own units through
 * {@code millgate.erp.units}; such a unit, like any the table does not hold, may have the
 * three decimals of SAP's quantity type.
 */
final class SapUnits {

	// SAP code, UN/ECE code; the first SAP code of a UN/ECE code is the one written back
	// (ST, not PC, for H87)
	private static final List<String[]> BUILT_IN = List.of(new String[] { "ST", "H87" }, new String[] { "PC", "H87" },
			new String[] { "EA", "EA" }, new String[] { "KG", "KGM" }, new String[] { "G", "GRM" },
			new String[] { "MG", "MGM" }, new String[] { "TO", "TNE" }, new String[] { "M", "MTR" },
			new String[] { "CM", "CMT" }, new String[] { "MM", "MMT" }, new String[] { "KM", "KMT" },
			new String[] { "M2", "MTK" }, new String[] { "M3", "MTQ" }, new String[] { "L", "LTR" },
			new String[] { "ML", "MLT" }, new String[] { "PAK", "PK" }, new String[] { "KAR", "CT" },
			new String[] { "BOX", "BX" }, new String[] { "ROL", "RO" }, new String[] { "PAL", "PX" },
			new String[] { "H", "HUR" }, new String[] { "MIN", "MIN" }, new String[] { "S", "SEC" });

	private final Map<String, String> toCanonical = new HashMap<>();

	private final Map<String, String> toSap = new HashMap<>();

	private final Map<String, UnitDefinition> definitions = new HashMap<>();

	private final List<UnitDefinition> sorted;

	SapUnits(Map<String, String> extra, UnitTable table) {
		for (String[] row : BUILT_IN) {
			this.toCanonical.put(row[0], row[1]);
			this.toSap.putIfAbsent(row[1], row[0]);
		}
		extra.forEach((sap, canonical) -> {
			this.toCanonical.put(sap, canonical);
			this.toSap.put(canonical, sap);
		});
		Map<String, UnitDefinition> known = new HashMap<>();
		table.units().forEach((definition) -> known.put(definition.unit().code(), definition));
		this.toSap.forEach((canonical, sap) -> this.definitions.put(canonical,
				known.getOrDefault(canonical, new UnitDefinition(UnitOfMeasure.of(canonical), canonical,
						UnitDimension.OTHER, SapLimits.QUANTITY_SCALE, sap))));
		List<UnitDefinition> all = new ArrayList<>(this.definitions.values());
		all.sort((a, b) -> a.unit().code().compareTo(b.unit().code()));
		this.sorted = List.copyOf(all);
	}

	/**
	 * The units the ERP knows (those it has an SAP code for), in order of their UN/ECE
	 * code.
	 * @return the definitions
	 */
	List<UnitDefinition> definitions() {
		return this.sorted;
	}

	/**
	 * The decimals a quantity in a unit may have: the table's, or those of SAP's quantity
	 * type for a unit the table does not hold.
	 * @param unit the unit
	 * @return the decimals
	 */
	int decimals(UnitOfMeasure unit) {
		UnitDefinition definition = this.definitions.get(unit.code());
		return (definition != null) ? definition.decimals() : SapLimits.QUANTITY_SCALE;
	}

	UnitOfMeasure canonical(String sapUnit) {
		String code = this.toCanonical.get(sapUnit);
		if (code == null) {
			throw new ErpFailure.Malformed(
					"the ERP unit '" + sapUnit + "' has no UN/ECE Recommendation 20 code; map it in millgate.erp.units",
					null);
		}
		return UnitOfMeasure.of(code);
	}

	UnitOfMeasure canonicalOrNull(String sapUnit) {
		String code = this.toCanonical.get(sapUnit);
		return (code != null) ? UnitOfMeasure.of(code) : null;
	}

	String sap(UnitOfMeasure unit) {
		String code = this.toSap.get(unit.code());
		if (code == null) {
			throw new ErpFailure.Rejected("the unit " + unit + " has no SAP unit; map it in millgate.erp.units", null,
					"the unit " + unit.code() + " has no counterpart in the ERP");
		}
		return code;
	}

}
