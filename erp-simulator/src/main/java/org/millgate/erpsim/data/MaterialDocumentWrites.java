package org.millgate.erpsim.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.millgate.erpsim.odata.ODataException;

/**
 * Posting material documents as the ERP books goods movements, each item one of SAP's
 * movement types: 101 goods receipt for an order (into the stock type the item names,
 * unrestricted by default) and 102 its reversal, 261 goods issue to an order (material
 * consumption) and 262 its reversal, 311 transfer between two storage locations of a
 * plant, the transfer postings between stock types of a quality decision (321 quality
 * inspection to unrestricted, 322 back, 343/344 blocked and unrestricted, 349/350 blocked
 * and quality inspection), and scrapping (551 from unrestricted, 552 its reversal, 553
 * from quality inspection, 555 from blocked). Every item is checked before any stock
 * moves; a deficit refuses the whole document, as SAP does. The header keeps when it was
 * entered ({@code CreationDate}, {@code CreationTime}); material document numbers only
 * ever grow.
 */
public final class MaterialDocumentWrites {

	// Movement type to the stock type it takes from and the one it puts into; null is
	// outside the plant's stock (an order, a vendor, the scrap bin); "*" is the stock
	// type
	// the item names (InventoryStockType), unrestricted when it names none.
	private static final Map<String, Rule> RULES = Map.ofEntries(Map.entry("101", new Rule(null, "*", true, false)),
			Map.entry("102", new Rule("*", null, true, false)), Map.entry("261", new Rule("01", null, true, false)),
			Map.entry("262", new Rule(null, "01", true, false)), Map.entry("311", new Rule("01", "01", false, true)),
			Map.entry("321", new Rule("02", "01", false, false)), Map.entry("322", new Rule("01", "02", false, false)),
			Map.entry("343", new Rule("07", "01", false, false)), Map.entry("344", new Rule("01", "07", false, false)),
			Map.entry("349", new Rule("07", "02", false, false)), Map.entry("350", new Rule("02", "07", false, false)),
			Map.entry("551", new Rule("01", null, false, false)), Map.entry("552", new Rule(null, "01", false, false)),
			Map.entry("553", new Rule("02", null, false, false)), Map.entry("555", new Rule("07", null, false, false)));

	private static final Set<String> STOCK_TYPES = Set.of("01", "02", "07");

	private final ErpData data;

	private final Clock clock;

	public MaterialDocumentWrites(ErpData data, Clock clock) {
		this.data = data;
		this.clock = clock;
	}

	/**
	 * Posts a material document with its items.
	 * @param given the header columns the client sent
	 * @param givenItems the columns of each item the client sent
	 * @param user the user posting it
	 * @return the stored header row
	 */
	public Map<String, Object> post(Map<String, Object> given, List<Map<String, Object>> givenItems, String user) {
		synchronized (this.data) {
			if (givenItems.isEmpty()) {
				throw new ODataException(400, "M7/006", "Enter at least one item");
			}
			List<Movement> movements = new ArrayList<>();
			Map<String, BigDecimal> taken = new HashMap<>();
			for (Map<String, Object> item : givenItems) {
				movements.add(movement(item, taken));
			}
			LocalDateTime now = LocalDateTime.now(this.clock);
			LocalDate today = now.toLocalDate();
			LocalDateTime posted = (given.get("PostingDate") instanceof LocalDateTime date) ? date
					: today.atStartOfDay();
			String year = Integer.toString(posted.getYear());
			String number = nextNumber();
			Map<String, Object> header = new LinkedHashMap<>();
			header.put("MaterialDocumentYear", year);
			header.put("MaterialDocument", number);
			header.put("DocumentDate", (given.get("DocumentDate") instanceof LocalDateTime date) ? date
					: posted.toLocalDate().atStartOfDay());
			header.put("PostingDate", posted.toLocalDate().atStartOfDay());
			header.put("GoodsMovementCode", Objects.toString(given.getOrDefault("GoodsMovementCode", "04"), "04"));
			header.put("CreatedByUser", user.toUpperCase(Locale.ROOT));
			header.put("CreationDate", now.toLocalDate().atStartOfDay());
			header.put("CreationTime", now.toLocalTime().withNano(0));
			this.data.table("MaterialDocumentHeader").insert(header);
			for (int i = 0; i < movements.size(); i++) {
				Movement movement = movements.get(i);
				move(movement);
				Map<String, Object> item = new LinkedHashMap<>();
				item.put("MaterialDocumentYear", year);
				item.put("MaterialDocument", number);
				item.put("MaterialDocumentItem", SeedRows.digits(i + 1, 4));
				item.put("Material", movement.material());
				item.put("Plant", movement.plant());
				item.put("StorageLocation", movement.storageLocation());
				item.put("Batch", movement.batch());
				item.put("GoodsMovementType", movement.type());
				item.put("InventoryStockType", (movement.from() != null) ? movement.from() : movement.to());
				item.put("IssuingOrReceivingStorageLoc", movement.otherLocation());
				item.put("ManufacturingOrder", movement.order());
				item.put("Reservation", movement.reservation());
				item.put("ReservationItem", movement.reservationItem());
				item.put("GoodsMovementReasonCode", movement.reason());
				item.put("EntryUnit", movement.entryUnit());
				item.put("QuantityInEntryUnit", movement.entered());
				item.put("MaterialBaseUnit", movement.baseUnit());
				item.put("QuantityInBaseUnit", movement.quantity());
				item.put("GoodsMovementIsCancelled", false);
				this.data.table("MaterialDocumentItem").insert(item);
			}
			return header;
		}
	}

	// Checks one item against master data and the stock the items before it leave;
	// moves nothing yet.
	private Movement movement(Map<String, Object> item, Map<String, BigDecimal> taken) {
		String material = required(item, "Material");
		String plant = required(item, "Plant");
		String type = required(item, "GoodsMovementType");
		Rule rule = RULES.get(type);
		if (rule == null) {
			throw new ODataException(400, "M7/053", "Movement type " + type + " is not supported here");
		}
		Map<String, Object> product = this.data.table("Product")
			.rows()
			.stream()
			.filter((row) -> material.equals(row.get("Product")))
			.findFirst()
			.orElseThrow(() -> new ODataException(400, "M7/001", "Material " + material + " does not exist"));
		Map<String, Object> inPlant = this.data.table("ProductPlant")
			.rows()
			.stream()
			.filter((row) -> material.equals(row.get("Product")) && plant.equals(row.get("Plant")))
			.findFirst()
			.orElseThrow(() -> new ODataException(400, "M7/001",
					"Material " + material + " is not maintained in plant " + plant));
		String storageLocation = Objects.toString(item.get("StorageLocation"), "");
		String batch = Objects.toString(item.get("Batch"), "");
		if (storageLocation.isEmpty()) {
			throw new ODataException(400, "M7/018", "Enter a storage location");
		}
		if (Boolean.TRUE.equals(inPlant.get("IsBatchManagementRequired")) && batch.isEmpty()) {
			throw new ODataException(400, "M7/017", "Enter a batch for material " + material);
		}
		String order = Objects.toString(item.get("ManufacturingOrder"), "");
		if (rule.order() && order.isEmpty()) {
			throw new ODataException(400, "M7/036", "Enter an order for movement type " + type);
		}
		if (!order.isEmpty() && this.data.table("ProductionOrder")
			.rows()
			.stream()
			.noneMatch((row) -> order.equals(row.get("ManufacturingOrder")))) {
			throw new ODataException(400, "M7/037", "Order " + order + " does not exist");
		}
		String named = Objects.toString(item.get("InventoryStockType"), "");
		named = named.isEmpty() ? "01" : named;
		if (!STOCK_TYPES.contains(named)) {
			throw new ODataException(400, "M7/054", "Stock type " + named + " is not supported here");
		}
		String from = "*".equals(rule.from()) ? named : rule.from();
		String to = "*".equals(rule.to()) ? named : rule.to();
		String otherLocation = Objects.toString(item.get("IssuingOrReceivingStorageLoc"), "");
		if (rule.otherLocation() && (otherLocation.isEmpty() || otherLocation.equals(storageLocation))) {
			throw new ODataException(400, "M7/018", "Enter a receiving storage location other than " + storageLocation);
		}
		String baseUnit = (String) product.get("BaseUnit");
		String entryUnit = Objects.toString(item.get("EntryUnit"), "");
		entryUnit = entryUnit.isEmpty() ? baseUnit : entryUnit;
		BigDecimal entered = (item.get("QuantityInEntryUnit") instanceof BigDecimal number) ? number : BigDecimal.ZERO;
		if (entered.signum() <= 0) {
			throw new ODataException(400, "M7/019", "Enter a quantity greater than zero");
		}
		BigDecimal quantity = entered.multiply(factor(material, entryUnit), MathContext.DECIMAL64)
			.setScale(3, RoundingMode.HALF_UP);
		if (from != null) {
			String place = String.join("/", material, plant, storageLocation, batch, from);
			BigDecimal available = stock(material, plant, storageLocation, batch, from).stream()
				.map((row) -> (BigDecimal) row.get("MatlWrhsStkQtyInMatlBaseUnit"))
				.reduce(BigDecimal.ZERO, BigDecimal::add)
				.subtract(taken.getOrDefault(place, BigDecimal.ZERO));
			taken.merge(place, quantity, BigDecimal::add);
			if (available.compareTo(quantity) < 0) {
				throw new ODataException(400, "M7/021",
						"Deficit of stock type " + from + " " + quantity.subtract(available).toPlainString() + " "
								+ baseUnit + " : " + material + " " + plant + " " + storageLocation
								+ (batch.isEmpty() ? "" : " " + batch));
			}
		}
		return new Movement(material, plant, storageLocation, rule.otherLocation() ? otherLocation : "", batch, type,
				from, to, order, Objects.toString(item.get("Reservation"), ""),
				Objects.toString(item.get("ReservationItem"), ""),
				Objects.toString(item.get("GoodsMovementReasonCode"), ""), entryUnit, entered, baseUnit, quantity);
	}

	// Base units per entry unit: numerator / denominator, as the material's units say.
	private BigDecimal factor(String material, String unit) {
		return this.data.table("ProductUnitOfMeasure")
			.rows()
			.stream()
			.filter((row) -> material.equals(row.get("Product")) && unit.equals(row.get("AlternativeUnit")))
			.findFirst()
			.map((row) -> ((BigDecimal) row.get("QuantityNumerator"))
				.divide((BigDecimal) row.get("QuantityDenominator"), MathContext.DECIMAL64))
			.orElseThrow(() -> new ODataException(400, "M7/002",
					"Unit " + unit + " is not defined for material " + material));
	}

	private void move(Movement movement) {
		if (movement.from() != null) {
			take(movement);
		}
		if (movement.to() != null) {
			put(movement, movement.otherLocation().isEmpty() ? movement.storageLocation() : movement.otherLocation());
		}
		if (!movement.reservation().isEmpty() && (movement.type().equals("261") || movement.type().equals("262"))) {
			BigDecimal withdrawn = movement.type().equals("261") ? movement.quantity() : movement.quantity().negate();
			this.data.table("ReservationItem")
				.update((row) -> movement.reservation().equals(row.get("Reservation"))
						&& movement.reservationItem().equals(row.get("ReservationItem")),
						(row) -> OrderWrites.with(row, Map.of("WithdrawnQuantity",
								((BigDecimal) row.get("WithdrawnQuantity")).add(withdrawn))));
		}
	}

	private void take(Movement movement) {
		Table stock = this.data.table("MaterialStock");
		BigDecimal left = movement.quantity();
		for (Map<String, Object> row : stock(movement.material(), movement.plant(), movement.storageLocation(),
				movement.batch(), movement.from())) {
			BigDecimal held = (BigDecimal) row.get("MatlWrhsStkQtyInMatlBaseUnit");
			BigDecimal taken = held.min(left);
			left = left.subtract(taken);
			if (taken.compareTo(held) == 0) {
				// SAP shows no stock line for a quantity of zero.
				stock.removeIf((candidate) -> candidate == row);
			}
			else {
				stock.update((candidate) -> candidate == row, (candidate) -> OrderWrites.with(candidate,
						Map.of("MatlWrhsStkQtyInMatlBaseUnit", held.subtract(taken))));
			}
			if (left.signum() == 0) {
				break;
			}
		}
	}

	private void put(Movement movement, String storageLocation) {
		Table stock = this.data.table("MaterialStock");
		List<Map<String, Object>> target = stock(movement.material(), movement.plant(), storageLocation,
				movement.batch(), movement.to());
		if (target.isEmpty()) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("Material", movement.material());
			row.put("Plant", movement.plant());
			row.put("StorageLocation", storageLocation);
			row.put("Batch", movement.batch());
			row.put("Supplier", "");
			row.put("Customer", "");
			row.put("InventorySpecialStockType", "");
			row.put("InventoryStockType", movement.to());
			row.put("MaterialBaseUnit", movement.baseUnit());
			row.put("MatlWrhsStkQtyInMatlBaseUnit", movement.quantity());
			stock.insert(row);
		}
		else {
			Map<String, Object> first = target.get(0);
			stock.update((candidate) -> candidate == first,
					(candidate) -> OrderWrites.with(candidate, Map.of("MatlWrhsStkQtyInMatlBaseUnit",
							((BigDecimal) candidate.get("MatlWrhsStkQtyInMatlBaseUnit")).add(movement.quantity()))));
		}
	}

	// The plant's own stock (no special stock) of one place and type.
	private List<Map<String, Object>> stock(String material, String plant, String storageLocation, String batch,
			String type) {
		return this.data.table("MaterialStock")
			.rows()
			.stream()
			.filter((row) -> material.equals(row.get("Material")) && plant.equals(row.get("Plant"))
					&& storageLocation.equals(row.get("StorageLocation")) && batch.equals(row.get("Batch"))
					&& type.equals(row.get("InventoryStockType")) && "".equals(row.get("InventorySpecialStockType")))
			.toList();
	}

	private String nextNumber() {
		long max = this.data.table("MaterialDocumentHeader")
			.rows()
			.stream()
			.mapToLong((row) -> Long.parseLong((String) row.get("MaterialDocument")))
			.max()
			.orElse(4_899_999_999L);
		return Long.toString(max + 1);
	}

	private static String required(Map<String, Object> given, String column) {
		Object value = given.get(column);
		if (!(value instanceof String text) || text.isBlank()) {
			throw new ODataException(400, "M7/100", "Property '" + column + "' is required");
		}
		return text;
	}

	private record Movement(String material, String plant, String storageLocation, String otherLocation, String batch,
			String type, String from, String to, String order, String reservation, String reservationItem,
			String reason, String entryUnit, BigDecimal entered, String baseUnit, BigDecimal quantity) {

	}

	private record Rule(String from, String to, boolean order, boolean otherLocation) {

	}

}
