package org.millgate.erpsim.data;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Random;

import static org.millgate.erpsim.data.SeedOrderStage.CLOSED;
import static org.millgate.erpsim.data.SeedOrderStage.CREATED;
import static org.millgate.erpsim.data.SeedOrderStage.PARTIALLY_RELEASED;
import static org.millgate.erpsim.data.SeedOrderStage.RELEASED;
import static org.millgate.erpsim.data.SeedOrderStage.TECHNICALLY_COMPLETED;
import static org.millgate.erpsim.data.SeedRows.TODAY;
import static org.millgate.erpsim.data.SeedRows.between;
import static org.millgate.erpsim.data.SeedRows.day;
import static org.millgate.erpsim.data.SeedRows.earliest;
import static org.millgate.erpsim.data.SeedRows.insert;
import static org.millgate.erpsim.data.SeedRows.latest;
import static org.millgate.erpsim.data.SeedRows.qty;

/**
 * Every row of one production order: header, operations, statuses, components and
 * confirmations. Flags and status rows are derived from the same progress, so they cannot
 * disagree: a status row exists exactly when its flag is set, except that, as in SAP's
 * status line, REL replaces CRTD on release while the flag OrderIsCreated stays set.
 */
final class SeedOrderRows {

	private static final Map<String, String> OPERATIONS = Map.of("MOLD", "Injection molding", "MACH", "Machining",
			"MIX", "Mixing and pressing", "EXTR", "Extrusion", "ASSY", "Assembly", "TEST", "Final inspection and test",
			"PACK", "Packing");

	private static final Map<String, String> USER_STATUSES = Map.of("QHLD", "E0001 Quality hold", "MATL",
			"E0002 Material shortage");

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

	private SeedOrderRows() {
	}

	static void write(ErpData data, SeedOrder order) {
		Random random = SeedRows.random(order.number());
		SeedProgress progress = SeedProgress.of(order, random);
		header(data, order, progress, random);
		for (SeedProgress.Step step : progress.steps()) {
			operation(data, order, step);
		}
		SeedComponents.write(data, order, progress, random);
		SeedConfirmations.write(data, order, progress, random);
	}

	// SAP keeps earlier flags when an order moves on: a released order is still created.
	private static void header(ErpData data, SeedOrder order, SeedProgress progress, Random random) {
		SeedOrderStage stage = order.stage();
		String number = order.number();
		LocalDate created = order.start().minusDays(between(random, 3, 20));
		created = created.isAfter(TODAY) ? TODAY.minusDays(between(random, 0, 10)) : created;
		LocalDate released = stage.atLeast(RELEASED) ? latest(created, earliest(order.start().minusDays(1), TODAY))
				: null;
		LocalTime start = random.nextBoolean() ? LocalTime.of(6, 0) : LocalTime.of(14, 0);
		boolean confirmed = progress.confirmed();
		boolean partiallyConfirmed = progress.partiallyConfirmed();
		boolean delivered = progress.delivered() >= order.quantity();
		boolean partiallyDelivered = progress.delivered() > 0 && !delivered;
		insert(data, "ProductionOrder", "ManufacturingOrder", number, "ManufacturingOrderType", "PP01",
				"ManufacturingOrderText", order.material().english(), "Material", order.material().code(),
				"ProductionPlant", order.plant(), "Plant", order.plant(), "StorageLocation",
				order.material().storageLocation(), "ProductionVersion", "0001", "BillOfOperationsGroup",
				"50000" + order.material().code().substring(3), "MfgOrderCreationDate", day(created),
				"MfgOrderPlannedStartDate", day(order.start()), "MfgOrderPlannedStartTime", start,
				"MfgOrderPlannedEndDate", day(order.end()), "MfgOrderPlannedEndTime", start.plusHours(8),
				"MfgOrderScheduledStartDate", day(order.start()), "MfgOrderScheduledEndDate", day(order.end()),
				"MfgOrderActualReleaseDate", day(released), "ProductionUnit", order.material().unit(), "TotalQuantity",
				qty(order.quantity()), "MfgOrderPlannedScrapQty", qty(order.plannedScrap()),
				"MfgOrderConfirmedYieldQty", qty(progress.yield()), "MfgOrderConfirmedScrapQty", qty(progress.scrap()),
				"ActualDeliveredQuantity", qty(progress.delivered()), "OrderIsCreated", true, "OrderIsReleased",
				stage.atLeast(RELEASED), "OrderIsPartiallyReleased", stage == PARTIALLY_RELEASED, "OrderIsConfirmed",
				confirmed, "OrderIsPartiallyConfirmed", partiallyConfirmed, "OrderIsDelivered", delivered,
				"OrderIsPartiallyDelivered", partiallyDelivered, "OrderIsTechnicallyCompleted",
				stage.atLeast(TECHNICALLY_COMPLETED), "OrderIsClosed", stage == CLOSED, "OrderIsMarkedForDeletion",
				order.deleted(), "OrderIsLocked", order.locked(), "LastChangeDateTime",
				lastChange(order, created, random));
		status(data, number, !stage.atLeast(RELEASED), "I0001", "CRTD", "Created");
		status(data, number, stage == PARTIALLY_RELEASED, "I0042", "PREL", "Partially released");
		status(data, number, stage.atLeast(RELEASED), "I0002", "REL", "Released");
		status(data, number, partiallyConfirmed, "I0010", "PCNF", "Partially confirmed");
		status(data, number, confirmed, "I0009", "CNF", "Confirmed");
		status(data, number, partiallyDelivered, "I0074", "PDLV", "Partially delivered");
		status(data, number, delivered, "I0012", "DLV", "Delivered");
		status(data, number, stage.atLeast(TECHNICALLY_COMPLETED), "I0045", "TECO", "Technically completed");
		status(data, number, stage == CLOSED, "I0046", "CLSD", "Closed");
		status(data, number, order.deleted(), "I0076", "DLFL", "Deletion flag");
		status(data, number, order.locked(), "I0043", "LKD", "Locked");
		if (!order.userStatus().isEmpty()) {
			String[] user = USER_STATUSES.get(order.userStatus()).split(" ", 2);
			insert(data, "ProductionOrderStatus", "ManufacturingOrder", number, "StatusCode", user[0],
					"StatusShortName", order.userStatus(), "StatusName", user[1], "IsUserStatus", true);
		}
	}

	// The last thing that happened: creation, release, a confirmation or closing.
	private static String lastChange(SeedOrder order, LocalDate created, Random random) {
		LocalDate end = order.end();
		LocalDate changed = switch (order.stage()) {
			case CREATED -> created;
			case PARTIALLY_RELEASED, RELEASED -> latest(created, earliest(order.start().minusDays(1), TODAY));
			case TECHNICALLY_COMPLETED -> earliest(end.plusDays(2), TODAY);
			case CLOSED -> earliest(end.plusDays(14), TODAY);
			default -> earliest(end, TODAY);
		};
		return changed.atTime(between(random, 7, 18), random.nextInt(60), random.nextInt(60)).format(STAMP);
	}

	private static void status(ErpData data, String order, boolean active, String code, String shortName, String name) {
		if (active) {
			insert(data, "ProductionOrderStatus", "ManufacturingOrder", order, "StatusCode", code, "StatusShortName",
					shortName, "StatusName", name, "IsUserStatus", false);
		}
	}

	private static void operation(ErpData data, SeedOrder order, SeedProgress.Step step) {
		insert(data, "ProductionOrderOperation", "ManufacturingOrder", order.number(), "ManufacturingOrderOperation",
				step.operation(), "ManufacturingOrderSequence", "0", "MfgOrderOperationText",
				OPERATIONS.get(step.kind()), "WorkCenter", workCenter(step, order), "ProductionPlant", order.plant(),
				"OpPlannedTotalQuantity", qty(order.quantity()), "OpTotalConfirmedYieldQty", qty(step.yield()),
				"OpTotalConfirmedScrapQty", qty(step.scrap()), "OperationUnit", order.material().unit(),
				"OpErlstSchedldExecStrtDte", day(step.start()), "OpErlstSchedldExecEndDte", day(step.end()),
				"OperationIsReleased", step.released(), "OperationIsPartiallyConfirmed",
				step.started() && !step.finished(), "OperationIsConfirmed", step.finished());
	}

	static String workCenter(SeedProgress.Step step, SeedOrder order) {
		return step.kind() + order.plant();
	}

	static boolean open(SeedOrder order) {
		return order.stage().atLeast(PARTIALLY_RELEASED) && !order.stage().atLeast(TECHNICALLY_COMPLETED)
				&& !order.deleted();
	}

	static boolean planned(SeedOrder order) {
		return order.stage() == CREATED;
	}

}
