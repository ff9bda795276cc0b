package org.millgate.identity;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lock-outs and address buckets on a clock the test moves: when they start, how long they
 * last and how they grow, what a success forgets, and that memory stays bounded.
 */
class FailureLockoutsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T08:00:00Z"));

	private final IdentitySettings.Attempts limits = new IdentitySettings.Attempts(3, 60, 3, 10, Duration.ofMinutes(1),
			Duration.ofMinutes(5), Duration.ofHours(24), 20);

	private final FailureLockouts lockouts = new FailureLockouts(this.clock, this.limits);

	@Test
	void should_lock_a_pair_out_at_the_limit_and_double_each_next_lock_out_up_to_the_maximum() {
		fail("user:acme-dev", "10.0.0.1", 2);
		assertThat(this.lockouts.lockedOut("user:acme-dev", "10.0.0.1")).isEmpty();

		fail("user:acme-dev", "10.0.0.1", 1);
		assertThat(this.lockouts.lockedOut("user:acme-dev", "10.0.0.1")).hasValue(Duration.ofMinutes(1));
		assertThat(this.lockouts.lockedOut("user:acme-dev", "10.0.0.2")).as("another address").isEmpty();
		assertThat(this.lockouts.lockedOut("user:beta-dev", "10.0.0.1")).as("another user").isEmpty();

		for (Duration expected : new Duration[] { Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(5),
				Duration.ofMinutes(5) }) {
			this.clock.advance(this.lockouts.lockedOut("user:acme-dev", "10.0.0.1").orElseThrow());
			assertThat(this.lockouts.lockedOut("user:acme-dev", "10.0.0.1")).isEmpty();
			fail("user:acme-dev", "10.0.0.1", 3);
			assertThat(this.lockouts.lockedOut("user:acme-dev", "10.0.0.1")).hasValue(expected);
		}
	}

	@Test
	void should_lock_a_name_everywhere_only_at_the_much_higher_limit() {
		fail("user:stuffing-target", "10.0.0.1", 3);
		fail("user:stuffing-target", "10.0.0.2", 3);
		fail("user:stuffing-target", "10.0.0.3", 3);
		assertThat(this.lockouts.lockedOut("user:stuffing-target", "10.0.0.4")).isEmpty();

		fail("user:stuffing-target", "10.0.0.4", 1);

		assertThat(this.lockouts.lockedOut("user:stuffing-target", "10.0.0.5")).hasValue(Duration.ofMinutes(1));
	}

	@Test
	void should_forget_failures_on_success_and_after_a_quiet_day() {
		fail("client:partner-acme", "10.0.0.1", 2);
		this.lockouts.succeeded("client:partner-acme", "10.0.0.1");
		fail("client:partner-acme", "10.0.0.1", 2);
		assertThat(this.lockouts.lockedOut("client:partner-acme", "10.0.0.1")).isEmpty();

		this.clock.advance(Duration.ofHours(25));
		fail("client:partner-acme", "10.0.0.1", 2);
		assertThat(this.lockouts.lockedOut("client:partner-acme", "10.0.0.1")).isEmpty();
	}

	@Test
	void should_keep_lock_outs_when_memory_is_bounded_and_forget_the_quietest_first() {
		fail("user:acme-dev", "10.0.0.1", 3);
		for (int name = 0; name < 40; name++) {
			this.clock.advance(Duration.ofSeconds(1));
			fail("user:random-" + name, "10.0.0.9", 1);
		}

		assertThat(this.lockouts.lockedOut("user:acme-dev", "10.0.0.1")).isPresent();
	}

	@Test
	void should_refill_an_address_bucket_at_its_rate() {
		AddressBuckets buckets = new AddressBuckets(this.clock, this.limits);
		for (int request = 0; request < 3; request++) {
			assertThat(buckets.take("10.0.0.1")).isEmpty();
		}

		assertThat(buckets.take("10.0.0.1")).hasValue(Duration.ofSeconds(1));
		assertThat(buckets.take("10.0.0.2")).isEmpty();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(buckets.take("10.0.0.1")).isEmpty();
		assertThat(buckets.take("10.0.0.1")).isPresent();
	}

	private void fail(String name, String address, int times) {
		for (int i = 0; i < times; i++) {
			this.lockouts.failed(name, address);
		}
	}

}
