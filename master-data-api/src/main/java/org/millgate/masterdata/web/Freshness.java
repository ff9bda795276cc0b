package org.millgate.masterdata.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long master data read from the ERP stays fresh (the facade's master-data cache
 * time), and the {@code Cache-Control} of an answer built from it.
 *
 * @param window the freshness window
 * @param clock the clock
 */
public record Freshness(Duration window, Clock clock) {

	/**
	 * The cache control of an answer read at a moment: private, since answers depend on
	 * the caller's plants; {@code max-age} is what is left of the freshness window.
	 * @param asOf when the ERP answered
	 * @return the header's value
	 */
	String cacheControl(Instant asOf) {
		Duration left = this.window.minus(Duration.between(asOf, this.clock.instant()));
		return "private, max-age=" + Math.max(0, left.toSeconds());
	}

}
