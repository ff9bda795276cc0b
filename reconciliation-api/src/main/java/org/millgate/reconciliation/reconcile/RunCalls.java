package org.millgate.reconciliation.reconcile;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

/**
 * The ERP calls of one run: each waits for the instance's budget, is counted, and is
 * awaited on the run's own thread.
 */
public final class RunCalls {

	private static final Duration LONGEST = Duration.ofMinutes(2);

	private final ErpBudget budget;

	private final AtomicInteger calls = new AtomicInteger();

	RunCalls(ErpBudget budget) {
		this.budget = budget;
	}

	/**
	 * Makes one ERP call.
	 * @param <T> its answer
	 * @param call the call, made when subscribed
	 * @return the answer
	 */
	public <T> T call(Mono<T> call) {
		this.budget.acquire();
		this.calls.incrementAndGet();
		return call.block(LONGEST);
	}

	public int count() {
		return this.calls.get();
	}

}
