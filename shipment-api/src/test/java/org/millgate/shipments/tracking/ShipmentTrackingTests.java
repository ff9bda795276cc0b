package org.millgate.shipments.tracking;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The day a list's {@code changedSince} starts at: the ERP keeps days only.
 */
class ShipmentTrackingTests {

	@ParameterizedTest
	@CsvSource({ "2026-03-13T00:00:00Z, 2026-03-13", "2026-03-13T00:00:01Z, 2026-03-14",
			"2026-03-13T23:59:59Z, 2026-03-14" })
	void should_start_at_the_first_day_entirely_at_or_after_the_moment(Instant moment, LocalDate day) {
		assertThat(ShipmentTracking.changedOnOrAfter(moment)).isEqualTo(day);
	}

}
