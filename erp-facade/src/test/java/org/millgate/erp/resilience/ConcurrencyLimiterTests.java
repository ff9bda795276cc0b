package org.millgate.erp.resilience;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class ConcurrencyLimiterTests {

	@Test
	void should_never_run_more_calls_at_once_than_the_cap() {
		ConcurrencyLimiter limiter = new ConcurrencyLimiter(3, 100, Duration.ofSeconds(5));
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger seen = new AtomicInteger();

		List<Integer> results = Flux.range(0, 30).flatMap((i) -> limiter.run(() -> Mono.fromCallable(() -> {
			seen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
			return i;
		}).delayElement(Duration.ofMillis(10)).doOnTerminate(inFlight::decrementAndGet)), 30).collectList().block();

		assertThat(results).hasSize(30);
		assertThat(seen.get()).isEqualTo(3);
		assertThat(limiter.peak()).isEqualTo(3);
		assertThat(limiter.running()).isZero();
		assertThat(limiter.queued()).isZero();
	}

	@Test
	void should_free_the_slot_of_a_failed_or_cancelled_call() {
		ConcurrencyLimiter limiter = new ConcurrencyLimiter(1, 10, Duration.ofSeconds(5));

		assertThatThrownBy(() -> limiter.run(() -> Mono.error(new IllegalStateException("boom"))).block())
			.hasMessage("boom");
		limiter.run(() -> Mono.never()).timeout(Duration.ofMillis(20), Mono.just("gave up")).block();

		assertThat(limiter.running()).isZero();
		assertThat(limiter.run(() -> Mono.just("next")).block()).isEqualTo("next");
	}

	@Test
	void should_keep_the_slot_of_a_call_its_caller_gave_up_on_until_the_call_ends() {
		ConcurrencyLimiter limiter = new ConcurrencyLimiter(1, 10, Duration.ofSeconds(5));
		Sinks.One<String> erp = Sinks.one();

		assertThatThrownBy(() -> limiter
			.runToEnd(erp::asMono, (running) -> running.timeout(Duration.ofMillis(50)), Duration.ofSeconds(30))
			.block()).hasCauseInstanceOf(TimeoutException.class);

		assertThat(limiter.running()).as("the ERP still works on it").isEqualTo(1);
		erp.tryEmitValue("answered late");
		assertThat(limiter.running()).isZero();
		assertThat(limiter.runToEnd(() -> Mono.just("next"), (running) -> running, Duration.ofSeconds(1)).block())
			.isEqualTo("next");
	}

	@Test
	void should_give_the_slot_back_when_the_caller_refuses_before_the_call_starts() {
		ConcurrencyLimiter limiter = new ConcurrencyLimiter(1, 10, Duration.ofSeconds(5));
		AtomicInteger started = new AtomicInteger();

		assertThatThrownBy(() -> limiter
			.runToEnd(() -> Mono.fromCallable(started::incrementAndGet),
					(running) -> Mono.error(new IllegalStateException("circuit open")), Duration.ofSeconds(1))
			.block()).hasMessage("circuit open");

		assertThat(started).hasValue(0);
		assertThat(limiter.running()).isZero();
	}

	@Test
	void should_refuse_when_the_line_is_full_and_time_out_waiters() {
		ConcurrencyLimiter limiter = new ConcurrencyLimiter(1, 1, Duration.ofMillis(100));
		Sinks.One<String> blocker = Sinks.one();
		limiter.run(blocker::asMono).subscribe();
		Mono<String> waiting = limiter.run(() -> Mono.just("late"));

		assertThatThrownBy(() -> Mono.zip(waiting, limiter.run(() -> Mono.just("refused"))).block())
			.isInstanceOf(ConcurrencyLimiter.LimitExceeded.class);
		assertThatThrownBy(() -> limiter.run(() -> Mono.just("waited too long")).block())
			.isInstanceOf(ConcurrencyLimiter.LimitExceeded.class)
			.hasMessageContaining("no free ERP call slot");

		blocker.tryEmitValue("done");
		assertThat(limiter.running()).isZero();
		assertThat(limiter.queued()).isZero();
	}

	@Test
	void should_lose_no_slot_when_waits_expire_and_callers_cancel_at_the_moment_slots_free() {
		ConcurrencyLimiter limiter = new ConcurrencyLimiter(2, 50, Duration.ofMillis(3));

		for (int round = 0; round < 20; round++) {
			Flux.range(0, 60)
				.flatMap((i) -> limiter.run(() -> Mono.delay(Duration.ofMillis(i % 4)).thenReturn(i))
					.timeout(Duration.ofMillis(1 + i % 5))
					.onErrorResume((error) -> Mono.empty()), 60)
				.blockLast(Duration.ofSeconds(10));
		}

		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(limiter.running()).isZero());
		assertThat(limiter.queued()).isZero();
		assertThat(limiter.run(() -> Mono.just("still usable")).block()).isEqualTo("still usable");
	}

}
