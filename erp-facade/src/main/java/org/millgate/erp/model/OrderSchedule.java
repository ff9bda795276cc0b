package org.millgate.erp.model;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * When a production order is planned and scheduled, in plant local time.
 *
 * @param plannedStart planned start
 * @param plannedEnd planned end
 * @param scheduledStart scheduled start, or null
 * @param scheduledEnd scheduled end, or null
 * @param releasedOn the day it was released, or null
 */
public record OrderSchedule(LocalDateTime plannedStart, LocalDateTime plannedEnd, LocalDate scheduledStart,
		LocalDate scheduledEnd, LocalDate releasedOn) {

}
