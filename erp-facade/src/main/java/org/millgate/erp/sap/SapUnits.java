package org.millgate.erp.sap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.millgate.erp.model.UnitDefinition;
import org.millgate.erp.model.UnitDimension;
import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.port.ErpFailure;

/**
 * SAP's internal unit codes, the UN/ECE Recommendation 20 codes of the canonical model,
 * and what SAP's standard units table (T006) keeps of each: ISO code, dimension and the
 * decimals a quantity in the unit may have. Plants add their own units through
 * {@code millgate.erp.units}; such a unit may have the three decimals of SAP's quantity
 * type.
 */
final class SapUnits {

	// SAP code, UN/ECE code, ISO code, dimension, decimals, name; the first SAP code of a
	// UN/ECE code is the one written back (ST, not PC, for H87).
	private static final List<Row> BUILT_IN = List.of(row("ST", "H87", "PCE", UnitDimension.COUNT, 0, "piece"),
			row("PC", "H87", "PCE", UnitDimension.COUNT, 0, "piece"),
			row("EA", "EA", "EA", UnitDimension.COUNT, 0, "each"),
			row("KG", "KGM", "KGM", UnitDimension.MASS, 3, "kilogram"),
			row("G", "GRM", "GRM", UnitDimension.MASS, 3, "gram"),
			row("MG", "MGM", "MGM", UnitDimension.MASS, 3, "milligram"),
			row("TO", "TNE", "TNE", UnitDimension.MASS, 3, "tonne"),
			row("M", "MTR", "MTR", UnitDimension.LENGTH, 3, "metre"),
			row("CM", "CMT", "CMT", UnitDimension.LENGTH, 3, "centimetre"),
			row("MM", "MMT", "MMT", UnitDimension.LENGTH, 3, "millimetre"),
			row("KM", "KMT", "KMT", UnitDimension.LENGTH, 3, "kilometre"),
			row("M2", "MTK", "MTK", UnitDimension.AREA, 3, "square metre"),
			row("M3", "MTQ", "MTQ", UnitDimension.VOLUME, 3, "cubic metre"),
			row("L", "LTR", "LTR", UnitDimension.VOLUME, 3, "litre"),
			row("ML", "MLT", "MLT", UnitDimension.VOLUME, 3, "millilitre"),
			row("PAK", "PK", "PK", UnitDimension.COUNT, 0, "pack"),
			row("KAR", "CT", "CT", UnitDimension.COUNT, 0, "carton"),
			row("BOX", "BX", "BX", UnitDimension.COUNT, 0, "box"),
			row("ROL", "RO", "RO", UnitDimension.COUNT, 0, "roll"),
			row("PAL", "PX", "PX", UnitDimension.COUNT, 0, "pallet"),
			row("H", "HUR", "HUR", UnitDimension.TIME, 3, "hour"),
			row("MIN", "MIN", "MIN", UnitDimension.TIME, 3, "minute"),
			row("S", "SEC", "SEC", UnitDimension.TIME, 3, "second"));

	private final Map<String, String> toCanonical = new HashMap<>();

	private final Map<String, String> toSap = new HashMap<>();

	private final Map<String, UnitDefinition> definitions = new LinkedHashMap<>();

	private final List<UnitDefinition> sorted;

	SapUnits(Map<String, String> extra) {
		for (Row row : BUILT_IN) {
			this.toCanonical.put(row.sap(), row.definition().unit().code());
			this.toSap.putIfAbsent(row.definition().unit().code(), row.sap());
			this.definitions.putIfAbsent(row.definition().unit().code(), row.definition());
		}
		extra.forEach((sap, canonical) -> {
			this.toCanonical.put(sap, canonical);
			this.toSap.put(canonical, sap);
			this.definitions.putIfAbsent(canonical, new UnitDefinition(UnitOfMeasure.of(canonical), canonical,
					UnitDimension.OTHER, SapLimits.QUANTITY_SCALE, sap));
		});
		List<UnitDefinition> all = new ArrayList<>(this.definitions.values());
		all.sort((a, b) -> a.unit().code().compareTo(b.unit().code()));
		this.sorted = List.copyOf(all);
	}

	/**
	 * The units, in order of their UN/ECE code.
	 * @return the definitions
	 */
	List<UnitDefinition> definitions() {
		return this.sorted;
	}

	/**
	 * The decimals a quantity in a unit may have: the unit's own, or those of SAP's
	 * quantity type for a unit the ERP's table does not hold.
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

	private static Row row(String sap, String code, String iso, UnitDimension dimension, int decimals, String name) {
		return new Row(sap, new UnitDefinition(UnitOfMeasure.of(code), iso, dimension, decimals, name));
	}

	private record Row(String sap, UnitDefinition definition) {
	}

}
