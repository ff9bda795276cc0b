package org.millgate.erpsim.data;

import java.time.LocalDate;
import java.util.List;

import static org.millgate.erpsim.data.SeedOrderStage.CREATED;
import static org.millgate.erpsim.data.SeedOrderStage.RELEASED;
import static org.millgate.erpsim.data.SeedOrderStage.TECHNICALLY_COMPLETED;
import static org.millgate.erpsim.data.SeedRows.TODAY;
import static org.millgate.erpsim.data.SeedStock.BLOCKED;
import static org.millgate.erpsim.data.SeedStock.IN_TRANSIT;
import static org.millgate.erpsim.data.SeedStock.QUALITY_INSPECTION;
import static org.millgate.erpsim.data.SeedStock.UNRESTRICTED;

/**
 * The records tests and demos rely on, exactly once at every scale. Operations and
 * components of an order come from its material's routing and bill of materials in
 * {@link SeedCatalog} (FG-100: operations 0010 and 0020, components RM-200, RM-310 and
 * PK-500).
 */
final class SeedFixtures {

	static final String ACME = "17100001";

	static final String BETA = "17100002";

	private SeedFixtures() {
	}

	/** The bulk leaves this stock to the fixtures, which fix its totals. */
	static boolean ownsStock(String material, String plant) {
		return "1000".equals(plant) && ("FG-100".equals(material) || "RM-200".equals(material));
	}

	static void write(ErpData data) {
		// order 1000001: FG-100, released, 100 ST, operations 0010+0020, 3 components
		order(data, "1000001", "1000", "FG-100", RELEASED, 100, LocalDate.of(2026, 3, 3));
		// order 1000002: created, not released
		order(data, "1000002", "1000", "FG-110", CREATED, 250, LocalDate.of(2026, 3, 16));
		// order 1000003: technically completed, confirmed and delivered in full
		order(data, "1000003", "1000", "FG-120", TECHNICALLY_COMPLETED, 60, LocalDate.of(2026, 2, 9));
		// order 2000001: plant 2000, released
		order(data, "2000001", "2000", "FG-110", RELEASED, 400, LocalDate.of(2026, 3, 2));

		// FG-100 in 1000: unrestricted 500, quality 40, blocked 10, in transit 25
		SeedStock.row(data, "FG-100", "1000", "0001", "", UNRESTRICTED, 300);
		SeedStock.row(data, "FG-100", "1000", "0003", "", UNRESTRICTED, 200);
		SeedStock.row(data, "FG-100", "1000", "0003", "", QUALITY_INSPECTION, 30);
		SeedStock.row(data, "FG-100", "1000", "0001", "", QUALITY_INSPECTION, 10);
		SeedStock.row(data, "FG-100", "1000", "0001", "", BLOCKED, 10);
		SeedStock.row(data, "FG-100", "1000", "", "", IN_TRANSIT, 25);
		// FG-100 in 1000 reserved 120: open items 70 + 50; finally issued don't count
		SeedComponents.standalone(data, "0009000001", 1, "FG-100", "1000", 100, 30, false, LocalDate.of(2026, 3, 4));
		SeedComponents.standalone(data, "0009000001", 2, "FG-100", "1000", 50, 0, false, LocalDate.of(2026, 3, 9));
		SeedComponents.standalone(data, "0009000002", 1, "FG-100", "1000", 40, 40, true, LocalDate.of(2026, 2, 16));
		SeedComponents.standalone(data, "0009000002", 2, "FG-100", "1000", 20, 10, true, LocalDate.of(2026, 2, 18));
		// RM-200 in 1000: batch B1 unrestricted, batch B2 all in quality inspection
		SeedStock.row(data, "RM-200", "1000", "0001", "B1", UNRESTRICTED, 850);
		SeedStock.row(data, "RM-200", "1000", "0002", "B1", UNRESTRICTED, 150);
		SeedStock.row(data, "RM-200", "1000", "0001", "B2", QUALITY_INSPECTION, 500);

		// delivery 80000001: ACME, picked, packed, unblocked, not issued: ready
		delivery(data, "80000001", ACME, SeedDelivery.Stage.READY, LocalDate.of(2026, 3, 3), null,
				LocalDate.of(2026, 3, 5), item("FG-130", "FC260201", 48), item("FG-130", "FC260202", 24));
		// its batches, released by quality: unrestricted
		SeedStock.row(data, "FG-130", "1000", "0003", "FC260201", UNRESTRICTED, 60);
		SeedStock.row(data, "FG-130", "1000", "0003", "FC260202", UNRESTRICTED, 24);
		// delivery 80000002: BETA, goods issued, no proof of delivery yet: shipped
		delivery(data, "80000002", BETA, SeedDelivery.Stage.SHIPPED, LocalDate.of(2026, 2, 27),
				LocalDate.of(2026, 2, 27), LocalDate.of(2026, 3, 3), item("FG-110", "", 120), item("FG-150", "", 40));
		// delivery 80000003: ACME, picking in progress (item 10 picked, 20 not)
		delivery(data, "80000003", ACME, SeedDelivery.Stage.PICKING, LocalDate.of(2026, 3, 4), null,
				LocalDate.of(2026, 3, 6), item("FG-100", "", 60), item("FG-120", "", 30));
		// delivery 81000001: created on 2026-02-27, never changed since (the ERP keeps
		// no last change date for it); plant 1000, picking not started: planned
		SeedDeliveryRows.write(data,
				new SeedDelivery("81000001", "1000", "1000", "17100005", SeedDelivery.Stage.PLANNED, "", true,
						LocalDate.of(2026, 3, 9), null, LocalDate.of(2026, 3, 11), LocalDate.of(2026, 2, 27), null,
						List.of(item("FG-150", "", 40))));
		// delivery 81000002: picked, plant 1000 through its rail dock, point 1010
		SeedDeliveryRows.write(data,
				new SeedDelivery("81000002", "1000", "1010", "17100006", SeedDelivery.Stage.PICKED, "", true,
						LocalDate.of(2026, 3, 5), null, LocalDate.of(2026, 3, 9), LocalDate.of(2026, 2, 26), TODAY,
						List.of(item("FG-120", "", 30))));

		// material document 4900000001: quality released the batches of delivery 80000001
		// (321, quality inspection to unrestricted) before it was picked
		SeedMaterialDocuments.write(data, "4900000001", LocalDate.of(2026, 2, 26),
				new SeedMaterialDocuments.Item("FG-130", "1000", "0003", "FC260201", "321", 60),
				new SeedMaterialDocuments.Item("FG-130", "1000", "0003", "FC260202", "321", 24));
	}

	private static void order(ErpData data, String number, String plant, String material, SeedOrderStage stage,
			long quantity, LocalDate start) {
		SeedOrderRows.write(data, new SeedOrder(number, plant, SeedCatalog.material(material), stage, quantity, 0,
				start, 3, false, false, ""));
	}

	// All three ship from plant 1000 through shipping point 1000, unblocked and with
	// packing, created three days before goods issue was planned.
	private static void delivery(ErpData data, String number, String shipTo, SeedDelivery.Stage stage,
			LocalDate plannedGoodsIssue, LocalDate goodsIssue, LocalDate arrival, SeedDelivery.Item... items) {
		LocalDate changed = (goodsIssue != null) ? goodsIssue : TODAY;
		SeedDeliveryRows.write(data, new SeedDelivery(number, "1000", "1000", shipTo, stage, "", true,
				plannedGoodsIssue, goodsIssue, arrival, plannedGoodsIssue.minusDays(3), changed, List.of(items)));
	}

	private static SeedDelivery.Item item(String material, String batch, long quantity) {
		return new SeedDelivery.Item(material, batch, quantity, SeedCatalog.material(material).unit());
	}

}
