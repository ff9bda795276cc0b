package org.millgate.contracts.usage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyBucketsTests {

	@Test
	void aDurationFallsInTheFirstBucketThatHoldsIt() {
		assertThat(LatencyBuckets.of(0)).isZero();
		assertThat(LatencyBuckets.of(5)).isZero();
		assertThat(LatencyBuckets.of(6)).isEqualTo(1);
		assertThat(LatencyBuckets.of(30)).isEqualTo(3);
		assertThat(LatencyBuckets.of(7_000)).isEqualTo(LatencyBuckets.COUNT - 1);
	}

	@Test
	void readsTheNinetyFifthPercentileFromTheBuckets() {
		assertThat(LatencyBuckets.p95(new long[LatencyBuckets.COUNT])).isZero();
		assertThat(LatencyBuckets.p95(new long[] { 95, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0 })).isEqualTo(5);
		assertThat(LatencyBuckets.p95(new long[] { 90, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0 })).isEqualTo(25);
		assertThat(LatencyBuckets.p95(new long[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 99 })).isEqualTo(-1);
	}

}
