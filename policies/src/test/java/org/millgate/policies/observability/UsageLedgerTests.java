package org.millgate.policies.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsageLedgerTests {

	private final List<List<UsageLedger.Counts>> written = new ArrayList<>();

	private boolean down;

	private String refused;

	private final UsageLedger ledger = new UsageLedger((batch) -> {
		if (this.down) {
			return CompletableFuture.failedFuture(new IllegalStateException("store down"));
		}
		this.written.add(batch);
		return CompletableFuture.completedFuture(batch.stream()
			.map(UsageLedger.Counts::key)
			.filter((key) -> !key.client().equals(this.refused))
			.collect(Collectors.toSet()));
	});

	@Test
	void countsEachClientsCallsPerVersionAndWritesOnlyWhatIsNew() {
		this.ledger.record("app-1", "shipments", "v1", 200, 3_000_000);
		this.ledger.record("app-1", "shipments", "v1", 404, 30_000_000);
		this.ledger.record("app-1", "shipments", "v1", 429, 1_000_000);
		this.ledger.record("app-1", "production-orders", "v1", 503, 7_000_000_000L);
		this.ledger.flush().block();

		assertThat(this.written).hasSize(1);
		UsageLedger.Counts shipments = find(this.written.get(0), "shipments");
		assertThat(shipments.requests()).isEqualTo(3);
		assertThat(shipments.clientErrors()).isEqualTo(2);
		assertThat(shipments.throttled()).isEqualTo(1);
		assertThat(shipments.serverErrors()).isZero();
		assertThat(shipments.buckets()).containsExactly(2, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0);
		assertThat(find(this.written.get(0), "production-orders").buckets()[10]).as("above 5 s").isEqualTo(1);

		this.ledger.flush().block();
		assertThat(this.written).as("nothing new, nothing written").hasSize(1);
		this.ledger.record("app-1", "shipments", "v1", 200, 1_000_000);
		this.ledger.flush().block();
		assertThat(find(this.written.get(1), "shipments").requests()).isEqualTo(1);
	}

	@Test
	void keepsTheCountsWhenTheStoreIsDown() {
		this.down = true;
		this.ledger.record("app-2", "inventory", "v1", 200, 1_000_000);
		this.ledger.flush().block();
		this.ledger.record("app-2", "inventory", "v1", 200, 1_000_000);
		this.down = false;
		this.ledger.flush().block();

		assertThat(this.written).hasSize(1);
		assertThat(find(this.written.get(0), "inventory").requests()).isEqualTo(2);
	}

	@Test
	void writesAgainOnlyWhatTheStoreDidNotTake() {
		this.refused = "app-4";
		this.ledger.record("app-3", "inventory", "v1", 200, 1_000_000);
		this.ledger.record("app-4", "inventory", "v1", 200, 1_000_000);
		this.ledger.flush().block();
		this.refused = null;
		this.ledger.flush().block();

		assertThat(this.written).hasSize(2);
		assertThat(this.written.get(1)).extracting((counts) -> counts.key().client()).containsExactly("app-4");
	}

	private static UsageLedger.Counts find(List<UsageLedger.Counts> batch, String product) {
		return batch.stream().filter((counts) -> counts.key().product().equals(product)).findFirst().orElseThrow();
	}

}
