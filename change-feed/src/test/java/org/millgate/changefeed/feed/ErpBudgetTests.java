package org.millgate.changefeed.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The budget of ERP calls: however many calls the feed wants, no minute holds more than
 * the budget, spread evenly.
 */
class ErpBudgetTests {

	private final AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));

	private final List<Long> sleeps = new ArrayList<>();

	private final ErpBudget budget = new ErpBudget(60, this.now::get, (nanos) -> {
		this.sleeps.add(nanos);
		this.now.addAndGet(nanos);
	});

	@Test
	void a_feed_far_behind_makes_no_more_calls_in_a_minute_than_the_budget() throws InterruptedException {
		long start = this.now.get();
		List<Long> granted = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			this.budget.acquire();
			granted.add(this.now.get() - start);
		}
		assertThat(granted).as("calls made in the first minute")
			.filteredOn((at) -> at < TimeUnit.MINUTES.toNanos(1))
			.hasSize(60);
		assertThat(this.sleeps).as("one second between calls after the first")
			.allSatisfy((nanos) -> assertThat(nanos).isEqualTo(TimeUnit.SECONDS.toNanos(1)));
		assertThat(this.budget.callsInLastMinute()).isEqualTo(60);
	}

	@Test
	void a_feed_that_rested_calls_at_once_and_the_count_forgets_old_calls() throws InterruptedException {
		this.budget.acquire();
		this.now.addAndGet(TimeUnit.SECONDS.toNanos(90));
		this.budget.acquire();
		assertThat(this.sleeps).isEmpty();
		assertThat(this.budget.callsInLastMinute()).isOne();
	}

	@Test
	void a_budget_needs_a_call_a_minute() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ErpBudget(0));
	}

}
