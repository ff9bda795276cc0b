package org.millgate.policies.validation;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckBudgetTests {

	private final AtomicLong now = new AtomicLong(5_000_000_000L);

	@Test
	void checksUpToTheBudgetInASecondThenNoneUntilTheNext() {
		CheckBudget budget = new CheckBudget(3, this.now::get);

		assertThat(takes(budget, 5)).isEqualTo(3);
		this.now.addAndGet(999_000_000L);
		assertThat(budget.tryTake()).as("still the same second").isFalse();
		this.now.addAndGet(2_000_000L);
		assertThat(takes(budget, 5)).as("the next second").isEqualTo(3);
	}

	@Test
	void aBudgetIsAtLeastOneCheckASecond() {
		assertThatThrownBy(() -> new CheckBudget(0)).isInstanceOf(IllegalArgumentException.class);
	}

	private static int takes(CheckBudget budget, int tries) {
		int taken = 0;
		for (int i = 0; i < tries; i++) {
			if (budget.tryTake()) {
				taken++;
			}
		}
		return taken;
	}

}
