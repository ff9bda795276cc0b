package org.millgate.policies.throttle;

import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.Priority;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitDecisionTests {

	private final LocalRateLimitStore store = new LocalRateLimitStore();

	@Test
	void admitsTheBurstThenRefusesWithRetryAfter() {
		PlanLimits limits = new PlanLimits("tight", Priority.LOW, 3, 1, 0);
		for (int i = 2; i >= 0; i--) {
			RateLimitDecision decision = RateLimitDecision.of(this.store.consume("k", limits).join(), limits);
			assertThat(decision.admitted()).isTrue();
			assertThat(decision.remaining()).isEqualTo(i);
		}
		RateLimitDecision refused = RateLimitDecision.of(this.store.consume("k", limits).join(), limits);
		assertThat(refused.admitted()).isFalse();
		assertThat(refused.retryAfterSeconds()).isEqualTo(1);
		assertThat(refused.header()).isEqualTo("\"burst\";r=0;t=1");
	}

	@Test
	void theDailyQuotaBindsWhenItIsTheSmaller() {
		PlanLimits limits = new PlanLimits("quota", Priority.LOW, 10, 10, 2);
		this.store.consume("q", limits).join();
		RateLimitDecision second = RateLimitDecision.of(this.store.consume("q", limits).join(), limits);
		assertThat(second.policy()).isEqualTo("daily");
		assertThat(second.remaining()).isZero();
		RateLimitDecision third = RateLimitDecision.of(this.store.consume("q", limits).join(), limits);
		assertThat(third.admitted()).isFalse();
		assertThat(third.retryAfterSeconds()).isGreaterThan(3600);
	}

	@Test
	void keysAreSeparateBuckets() {
		PlanLimits limits = new PlanLimits("one", Priority.LOW, 1, 1, 0);
		assertThat(RateLimitDecision.of(this.store.consume("a", limits).join(), limits).admitted()).isTrue();
		assertThat(RateLimitDecision.of(this.store.consume("b", limits).join(), limits).admitted()).isTrue();
		assertThat(RateLimitDecision.of(this.store.consume("a", limits).join(), limits).admitted()).isFalse();
	}

}
