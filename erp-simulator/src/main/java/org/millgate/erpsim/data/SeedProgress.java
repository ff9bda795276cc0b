package org.millgate.erpsim.data;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.millgate.erpsim.data.SeedRows.between;
import static org.millgate.erpsim.data.SeedRows.digits;

/**
 * What an order's operations have confirmed and what it has delivered, consistent with
 * its stage. As in SAP, the order's confirmed yield and scrap are those of its last
 * operation, and an earlier operation has confirmed at least as much as a later one.
 */
final class SeedProgress {

	/** One operation of the order and its confirmed quantities. */
	record Step(String operation, String kind, LocalDate start, LocalDate end, long yield, long scrap, boolean released,
			boolean finished) {

		boolean started() {
			return this.yield > 0 || this.scrap > 0;
		}

	}

	private final List<Step> steps;

	private final long delivered;

	private SeedProgress(List<Step> steps, long delivered) {
		this.steps = steps;
		this.delivered = delivered;
	}

	static SeedProgress of(SeedOrder order, Random random) {
		long total = order.quantity();
		SeedOrderStage stage = order.stage();
		boolean done = stage.atLeast(SeedOrderStage.CONFIRMED) && stage != SeedOrderStage.PARTIALLY_DELIVERED
				|| stage == SeedOrderStage.PARTIALLY_DELIVERED && random.nextBoolean();
		long last = 0;
		if (done) {
			last = total;
		}
		else if (stage.atLeast(SeedOrderStage.PARTIALLY_CONFIRMED)) {
			last = Math.max(1, total * between(random, 20, 70) / 100);
		}
		List<String> routing = order.material().routing();
		int count = routing.size();
		List<Step> steps = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			// Earlier operations are further ahead: the first of several has finished.
			long good = (last == 0 || count == 1 || done) ? last
					: last + (total - last) * (count - 1 - i) / (count - 1);
			long scrap = (good > 0 && random.nextInt(3) == 0) ? Math.max(1, good / 50) : 0;
			boolean released = stage.atLeast(SeedOrderStage.RELEASED)
					|| stage == SeedOrderStage.PARTIALLY_RELEASED && i == 0;
			LocalDate start = order.start().plusDays((long) order.days() * i / count);
			LocalDate end = order.start().plusDays((long) order.days() * (i + 1) / count);
			steps.add(new Step(digits(10L * (i + 1), 4), routing.get(i), start, end, good, scrap, released,
					done || good == total && last > 0));
		}
		return new SeedProgress(steps, delivered(stage, done, total, last, random));
	}

	private static long delivered(SeedOrderStage stage, boolean done, long total, long last, Random random) {
		if (stage.atLeast(SeedOrderStage.DELIVERED)) {
			return total;
		}
		if (stage != SeedOrderStage.PARTIALLY_DELIVERED) {
			return 0;
		}
		long received = done ? total * between(random, 30, 90) / 100 : last * between(random, 50, 100) / 100;
		return Math.max(1, received);
	}

	List<Step> steps() {
		return this.steps;
	}

	Step first() {
		return this.steps.get(0);
	}

	Step last() {
		return this.steps.get(this.steps.size() - 1);
	}

	long yield() {
		return last().yield();
	}

	long scrap() {
		return last().scrap();
	}

	long delivered() {
		return this.delivered;
	}

	boolean confirmed() {
		return this.steps.stream().allMatch(Step::finished);
	}

	boolean partiallyConfirmed() {
		return !confirmed() && this.steps.stream().anyMatch(Step::started);
	}

}
