package org.millgate.policies.throttle;

import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.Priority;

import static org.assertj.core.api.Assertions.assertThat;

class PriorityLanesTests {

	@Test
	void lowPriorityIsShedFirstAndHighLast() {
		PriorityLanes lanes = new PriorityLanes(10);
		for (int i = 0; i < 5; i++) {
			assertThat(lanes.tryEnter(Priority.LOW)).isTrue();
		}
		assertThat(lanes.tryEnter(Priority.LOW)).as("low shed at half the capacity").isFalse();
		for (int i = 0; i < 3; i++) {
			assertThat(lanes.tryEnter(Priority.NORMAL)).isTrue();
		}
		assertThat(lanes.tryEnter(Priority.NORMAL)).as("normal shed at 80 %").isFalse();
		assertThat(lanes.tryEnter(Priority.HIGH)).isTrue();
		assertThat(lanes.tryEnter(Priority.HIGH)).isTrue();
		assertThat(lanes.tryEnter(Priority.HIGH)).as("high only at full capacity").isFalse();
		lanes.leave();
		assertThat(lanes.tryEnter(Priority.HIGH)).isTrue();
		assertThat(lanes.inFlight()).isEqualTo(10);
	}

	@Test
	void aTinyCapacityStillAdmitsOneOfEachLane() {
		PriorityLanes lanes = new PriorityLanes(1);
		assertThat(lanes.limit(Priority.LOW)).isEqualTo(1);
		assertThat(lanes.limit(Priority.NORMAL)).isEqualTo(1);
		assertThat(lanes.limit(Priority.HIGH)).isEqualTo(1);
	}

}
