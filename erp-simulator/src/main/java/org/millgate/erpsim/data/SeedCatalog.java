package org.millgate.erpsim.data;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The materials of two plants that make water filters and pumps. Units read "KAR=12" (1
 * carton = 12 base units) or "G=1/1000"; routings name work center kinds; bills of
 * materials give each component's quantity per base unit. Some materials deliberately
 * lack a common unit (FG-100 has no KG, RM-200 no ST, FG-160 no KAR) so that a missing
 * conversion can be tested.
 */
final class SeedCatalog {

	static final List<SeedMaterial> MATERIALS = List.of(
			made("FG-099", "FERT", "ST", "FILTERS", "1000", false, "Filter housing FH-90 (discontinued)",
					"Filtergehäuse FH-90 (ausgelaufen)", "KAR=12", "MOLD ASSY", "RM-300:0.35 PK-500:0.084")
				.markedForDeletion(),
			made("FG-100", "FERT", "ST", "FILTERS", "1000", false, "Filter housing FH-100", "Filtergehäuse FH-100",
					"KAR=12", "MOLD ASSY", "RM-200:0.35 RM-310:1 PK-500:0.084"),
			made("FG-110", "FERT", "ST", "FILTERS", "1000 2000", false, "Filter housing FH-110 with bypass",
					"Filtergehäuse FH-110 mit Bypass", "KAR=12 KG=4", "MOLD ASSY TEST PACK",
					"RM-200:0.4 RM-310:2 HB-400:1 RM-430:2 PK-500:0.084"),
			made("FG-120", "FERT", "ST", "FILTERS", "1000", false, "Filter housing FH-200 XL",
					"Filtergehäuse FH-200 XL", "KAR=6", "MOLD ASSY PACK", "RM-200:0.9 RM-310:2 RM-320:1 PK-510:0.167"),
			made("FG-130", "FERT", "ST", "CARTRIDGE", "1000 2000", true, "Water filter cartridge WFC-10",
					"Wasserfilterkartusche WFC-10", "KAR=24 PAK=4", "MIX PACK", "RM-230:0.12 HB-410:1 PK-520:1"),
			made("FG-140", "FERT", "ST", "CARTRIDGE", "2000", true, "Water filter cartridge WFC-20",
					"Wasserfilterkartusche WFC-20", "KAR=24", "MIX TEST PACK",
					"RM-230:0.2 HB-410:1 RM-440:0.01 PK-520:1"),
			made("FG-150", "FERT", "ST", "PUMPS", "1000 2000", false, "Pump housing PH-40", "Pumpengehäuse PH-40",
					"KAR=4 KG=1/2", "MACH ASSY", "RM-210:1.8 RM-330:4 PK-510:0.25"),
			made("FG-160", "FERT", "ST", "PUMPS", "1000", false, "Centrifugal pump CP-40", "Kreiselpumpe CP-40",
					"KG=1/12", "ASSY TEST PACK", "HB-420:1 HB-430:1 RM-340:1 RM-350:2 PK-530:0.05"),
			made("FG-170", "FERT", "ST", "VALVES", "2000", false, "Valve body VB-15", "Ventilkörper VB-15", "KAR=20",
					"MACH ASSY TEST", "RM-210:0.3 RM-320:2 RM-430:2 PK-500:0.05"),
			made("FG-180", "FERT", "M", "HOSES", "2000", true, "Garden hose 1/2 inch", "Gartenschlauch 1/2 Zoll",
					"PAK=25 KG=5", "EXTR", "RM-250:0.18 RM-260:0.02 RM-440:0.002"),
			made("FG-190", "FERT", "PAK", "HOSES", "1000 2000", false, "Hose connector set", "Schlauchverbinder-Set",
					"KAR=10", "MOLD PACK", "RM-220:0.08 RM-430:4 PK-540:1"),
			made("FG-200", "FERT", "L", "CHEMICALS", "1000", true, "Descaling concentrate", "Entkalkerkonzentrat",
					"KAR=12", "MIX PACK", "RM-270:0.6 PK-550:1 PK-570:1"),
			made("FG-210", "FERT", "ST", "SPARES", "1000 2000", false, "Seal kit FH series", "Dichtungssatz FH-Serie",
					"KAR=50", "PACK", "RM-310:2 RM-320:1 RM-410:5 PK-540:1"),
			made("FG-220", "FERT", "ST", "INSTRUMEN", "2000", false, "Pressure gauge module PG-6",
					"Manometermodul PG-6", "KAR=10", "ASSY TEST", "RM-360:1 RM-330:2 RM-430:1 PK-540:1"),
			made("FG-230", "FERT", "ST", "SOFTENERS", "1000", false, "Water softener WS-5", "Wasserenthärter WS-5",
					"KG=1/18", "ASSY TEST PACK", "HB-440:1 RM-280:5 RM-330:8 PK-530:0.1 PK-570:1"),
			made("HB-400", "HALB", "ST", "ASSEMBLY", "1000 2000", false, "Bypass valve insert", "Bypass-Ventileinsatz",
					"PAK=10", "MACH ASSY", "RM-210:0.05 RM-320:1 RM-330:2"),
			made("HB-410", "HALB", "ST", "CARTRIDGE", "1000 2000", true, "Activated carbon block", "Aktivkohleblock",
					"KAR=48", "MIX", "RM-240:0.15 RM-420:0.01"),
			made("HB-420", "HALB", "ST", "PUMPS", "1000", false, "Pump impeller", "Pumpenlaufrad", "PAK=20", "MOLD",
					"RM-220:0.2 RM-440:0.004"),
			made("HB-430", "HALB", "ST", "PUMPS", "1000", false, "Motor unit 0.75 kW", "Motoreinheit 0,75 kW", "KG=1/9",
					"ASSY TEST", "RM-370:1 RM-380:35 RM-350:2 RM-330:4"),
			made("HB-440", "HALB", "ST", "SOFTENERS", "1000", false, "Resin tank RT-5", "Harzbehälter RT-5", "KG=1/3",
					"MOLD", "RM-200:1.2 RM-410:20"),
			made("HB-450", "HALB", "ST", "FILTERS", "1000 2000", false, "Molded filter head",
					"Spritzgegossener Filterkopf", "PAK=25", "MOLD", "RM-200:0.25 RM-430:2"),
			made("HB-470", "HALB", "M", "FILTERS", "2000", false, "Coated filter mesh", "Beschichtetes Filtergewebe",
					"KAR=50", "EXTR", "RM-390:1 RM-270:0.05"),
			bought("RM-200", "ROH", "KG", "GRANULATE", "1000 2000", true, "Polypropylene granulate natural",
					"Polypropylen-Granulat natur", "G=1/1000 PAK=25"),
			bought("RM-210", "ROH", "KG", "METALS", "1000 2000", true, "Stainless steel bar 1.4301",
					"Edelstahlstange 1.4301", "G=1/1000 M=6/5"),
			bought("RM-220", "ROH", "KG", "GRANULATE", "1000 2000", true, "ABS granulate black", "ABS-Granulat schwarz",
					"G=1/1000 PAK=25"),
			bought("RM-230", "ROH", "M", "FILTERMED", "1000 2000", false, "Filter fleece polyester",
					"Filtervlies Polyester", "KAR=100"),
			bought("RM-240", "ROH", "KG", "CHEMICALS", "1000 2000", true, "Activated carbon powder", "Aktivkohlepulver",
					"G=1/1000 PAK=20"),
			bought("RM-250", "ROH", "KG", "GRANULATE", "2000", true, "PVC compound flexible", "PVC-Compound flexibel",
					"G=1/1000 PAK=25"),
			bought("RM-260", "ROH", "KG", "YARN", "2000", false, "Polyester reinforcement yarn",
					"Polyester-Verstärkungsgarn", "G=1/1000"),
			bought("RM-270", "ROH", "L", "CHEMICALS", "1000 2000", true, "Citric acid solution 50 %",
					"Zitronensäurelösung 50 %", "PAK=20 KG=4/5"),
			bought("RM-280", "ROH", "L", "CHEMICALS", "1000", true, "Ion exchange resin", "Ionenaustauscherharz",
					"PAK=25"),
			bought("RM-300", "ROH", "KG", "GRANULATE", "1000", false, "PP granulate recycled (discontinued)",
					"PP-Rezyklat (ausgelaufen)", "G=1/1000")
				.markedForDeletion(),
			bought("RM-310", "ROH", "ST", "SEALS", "1000 2000", false, "O-ring EPDM 80x4", "O-Ring EPDM 80x4",
					"PAK=100 KAR=2000"),
			bought("RM-320", "ROH", "ST", "SPRINGS", "1000 2000", false, "Compression spring stainless 12 mm",
					"Druckfeder Edelstahl 12 mm", "PAK=50"),
			bought("RM-330", "ROH", "ST", "FASTENERS", "1000 2000", false, "Hex screw M6x20 A2",
					"Sechskantschraube M6x20 A2", "PAK=100 KG=250"),
			bought("RM-340", "ROH", "ST", "PUMPS", "1000", false, "Pump shaft 14 mm", "Pumpenwelle 14 mm", "KAR=20"),
			bought("RM-350", "ROH", "ST", "BEARINGS", "1000", false, "Ball bearing 6202", "Kugellager 6202", "PAK=10"),
			bought("RM-360", "ROH", "ST", "INSTRUMEN", "2000", false, "Bourdon tube 0-6 bar", "Rohrfeder 0-6 bar",
					"PAK=20"),
			bought("RM-370", "ROH", "ST", "PUMPS", "1000", false, "Motor housing die-cast", "Motorgehäuse Druckguss",
					"KAR=8"),
			bought("RM-380", "ROH", "M", "ELECTRIC", "1000", false, "Copper winding wire 0.5 mm",
					"Kupferlackdraht 0,5 mm", "KAR=500 KG=570"),
			bought("RM-390", "ROH", "M", "FILTERMED", "2000", false, "Polyester mesh 200 µm", "Polyestergewebe 200 µm",
					"KAR=50"),
			bought("RM-410", "ROH", "G", "CHEMICALS", "1000 2000", false, "Silicone grease food grade",
					"Silikonfett lebensmittelecht", "KG=1000 PAK=500"),
			bought("RM-420", "ROH", "KG", "CHEMICALS", "1000 2000", true, "PU adhesive two-component",
					"PU-Klebstoff 2K", "G=1/1000"),
			bought("RM-430", "ROH", "ST", "FASTENERS", "1000 2000", false, "Brass threaded insert M8",
					"Messing-Gewindeeinsatz M8", "PAK=100"),
			bought("RM-440", "ROH", "KG", "GRANULATE", "1000 2000", true, "Colour masterbatch blue",
					"Farbmasterbatch blau", "G=1/1000 PAK=25"),
			bought("RM-450", "ROH", "M", "LABELS", "1000 2000", false, "Label film white 100 mm",
					"Etikettenfolie weiß 100 mm", "KAR=1000"),
			bought("PK-500", "VERP", "ST", "PACKAGING", "1000 2000", false, "Shipping carton 400x300x300",
					"Versandkarton 400x300x300", "PAK=25"),
			bought("PK-510", "VERP", "ST", "PACKAGING", "1000 2000", false, "Shipping carton 600x400x400",
					"Versandkarton 600x400x400", "PAK=20"),
			bought("PK-520", "VERP", "ST", "PACKAGING", "1000 2000", false, "Blister pack WFC", "Blisterverpackung WFC",
					"KAR=200"),
			bought("PK-530", "VERP", "ST", "PACKAGING", "1000", false, "Euro pallet 1200x800", "Europalette 1200x800",
					"KG=1/25"),
			bought("PK-540", "VERP", "ST", "PACKAGING", "1000 2000", false, "Polybag 250x350", "PE-Beutel 250x350",
					"PAK=100 KAR=1000"),
			bought("PK-550", "VERP", "ST", "PACKAGING", "1000", false, "HDPE bottle 1 L", "HDPE-Flasche 1 L", "KAR=60"),
			bought("PK-560", "VERP", "M", "PACKAGING", "1000 2000", false, "Stretch film 23 µm", "Stretchfolie 23 µm",
					"PAK=1500"),
			bought("PK-570", "VERP", "ST", "PACKAGING", "1000 2000", false, "Product label FH series",
					"Produktetikett FH-Serie", "PAK=1000"));

	private static final Map<String, SeedMaterial> BY_CODE = MATERIALS.stream()
		.collect(Collectors.toMap(SeedMaterial::code, Function.identity()));

	private SeedCatalog() {
	}

	static SeedMaterial material(String code) {
		SeedMaterial material = BY_CODE.get(code);
		if (material == null) {
			throw new IllegalArgumentException("no material " + code);
		}
		return material;
	}

	/** What a plant can make or ship: produced, not marked for deletion. */
	static List<SeedMaterial> produced(String plant, boolean finishedOnly) {
		return MATERIALS.stream()
			.filter((material) -> material.produced() && !material.deleted() && material.in(plant))
			.filter((material) -> !finishedOnly || material.finished())
			.toList();
	}

	private static SeedMaterial made(String code, String type, String unit, String group, String plants,
			boolean batchManaged, String english, String german, String units, String routing, String bom) {
		return new SeedMaterial(code, type, unit, group, words(plants), batchManaged, english, german,
				conversions(units), words(routing), bom(bom), false);
	}

	private static SeedMaterial bought(String code, String type, String unit, String group, String plants,
			boolean batchManaged, String english, String german, String units) {
		return made(code, type, unit, group, plants, batchManaged, english, german, units, "", "");
	}

	private static List<SeedMaterial.Conversion> conversions(String units) {
		return words(units).stream().map((unit) -> {
			String[] parts = unit.split("[=/]");
			String denominator = (parts.length > 2) ? parts[2] : "1";
			return new SeedMaterial.Conversion(parts[0], new BigDecimal(parts[1]), new BigDecimal(denominator));
		}).toList();
	}

	private static List<SeedMaterial.BomLine> bom(String lines) {
		return words(lines).stream().map((line) -> {
			String[] parts = line.split(":");
			return new SeedMaterial.BomLine(parts[0], new BigDecimal(parts[1]));
		}).toList();
	}

	private static List<String> words(String text) {
		return text.isBlank() ? List.of() : Arrays.asList(text.trim().split(" +"));
	}

}
