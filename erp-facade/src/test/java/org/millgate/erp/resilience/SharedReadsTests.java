package org.millgate.erp.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedReadsTests {

	private final MutableClock clock = new MutableClock();

	@Test
	void should_share_one_load_among_concurrent_identical_reads() {
		SharedReads<String, Integer> reads = new SharedReads<>(Duration.ZERO, this.clock);
		AtomicInteger loads = new AtomicInteger();

		Flux.range(0, 50)
			.flatMap((i) -> reads.get("FG-100",
					() -> Mono.fromCallable(loads::incrementAndGet).delayElement(Duration.ofMillis(50))), 50)
			.blockLast();

		assertThat(loads.get()).isEqualTo(1);
	}

	@Test
	void should_reuse_a_result_until_its_time_to_live_ends() {
		SharedReads<String, Integer> reads = new SharedReads<>(Duration.ofSeconds(2), this.clock);
		AtomicInteger loads = new AtomicInteger();

		reads.get("k", () -> Mono.fromCallable(loads::incrementAndGet)).block();
		this.clock.advance(Duration.ofSeconds(1));
		reads.get("k", () -> Mono.fromCallable(loads::incrementAndGet)).block();
		assertThat(loads.get()).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(2));
		assertThat(reads.get("k", () -> Mono.fromCallable(loads::incrementAndGet)).block()).isEqualTo(2);
	}

	@Test
	void should_forget_a_failed_read_at_once() {
		SharedReads<String, Integer> reads = new SharedReads<>(Duration.ofMinutes(1), this.clock);

		assertThatThrownBy(() -> reads.get("k", () -> Mono.error(new IllegalStateException("down"))).block())
			.hasMessage("down");
		assertThat(reads.get("k", () -> Mono.just(7)).block()).isEqualTo(7);
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-03-02T08:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
