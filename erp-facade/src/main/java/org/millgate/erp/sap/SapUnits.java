package org.millgate.erp.sap;

import java.util.HashMap;
import java.util.Map;

import org.millgate.erp.model.UnitOfMeasure;
import org.millgate.erp.port.ErpFailure;

/**
 * SAP's internal unit codes and the UN/ECE Recommendation 20 codes of the canonical
 * model. Plants add their own through {@code millgate.erp.units}.
 */
final class SapUnits {

	private static final Map<String, String> BUILT_IN = Map.ofEntries(Map.entry("ST", "H87"), Map.entry("PC", "H87"),
			Map.entry("EA", "EA"), Map.entry("KG", "KGM"), Map.entry("G", "GRM"), Map.entry("MG", "MGM"),
			Map.entry("TO", "TNE"), Map.entry("M", "MTR"), Map.entry("CM", "CMT"), Map.entry("MM", "MMT"),
			Map.entry("KM", "KMT"), Map.entry("M2", "MTK"), Map.entry("M3", "MTQ"), Map.entry("L", "LTR"),
			Map.entry("ML", "MLT"), Map.entry("PAK", "PK"), Map.entry("KAR", "CT"), Map.entry("BOX", "BX"),
			Map.entry("ROL", "RO"), Map.entry("H", "HUR"), Map.entry("MIN", "MIN"), Map.entry("S", "SEC"),
			Map.entry("PAL", "PX"));

	private final Map<String, String> toCanonical = new HashMap<>(BUILT_IN);

	private final Map<String, String> toSap = new HashMap<>();

	SapUnits(Map<String, String> extra) {
		this.toCanonical.putAll(extra);
		// The first SAP code of a UN/ECE code wins on the way back: ST, not PC, for H87.
		BUILT_IN.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> this.toSap.putIfAbsent(entry.getValue(), entry.getKey()));
		this.toSap.put("H87", "ST");
		extra.forEach((sap, canonical) -> this.toSap.put(canonical, sap));
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
