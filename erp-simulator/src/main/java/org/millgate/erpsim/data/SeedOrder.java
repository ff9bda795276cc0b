package org.millgate.erpsim.data;

import java.time.LocalDate;

/**
 * A production order as the seed decides it; its rows follow in {@link SeedOrderRows}.
 *
 * @param quantity the planned total quantity, whole base units
 * @param days how long it runs from {@code start}
 * @param userStatus "" or a user status of {@link SeedOrderRows}, e.g. "QHLD"
 */
record SeedOrder(String number, String plant, SeedMaterial material, SeedOrderStage stage, long quantity,
		long plannedScrap, LocalDate start, int days, boolean deleted, boolean locked, String userStatus) {

	LocalDate end() {
		return this.start.plusDays(this.days);
	}

}
