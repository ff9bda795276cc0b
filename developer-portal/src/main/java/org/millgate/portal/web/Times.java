package org.millgate.portal.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Moments as pages show them ({@code ${@times.format(...)}}): UTC, to the second.
 */
@Component("times")
public class Times {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	/**
	 * Formats a moment.
	 * @param moment the moment, or null
	 * @return e.g. {@code 2026-11-26 23:45:00 UTC}, or a dash
	 */
	public String format(Instant moment) {
		return (moment != null) ? UTC.format(moment) : "—";
	}

}
