package org.millgate.portal.webhooks;

import java.time.Instant;
import java.util.List;

/**
 * One event to one webhook.
 *
 * @param id the delivery's id
 * @param webhookId the webhook
 * @param eventSeq the event's place in the order events were read
 * @param eventId the event's CloudEvents id (the {@code webhook-id} it is sent with)
 * @param eventType its CloudEvents type
 * @param subject what it is about ({@code shipment/<id>}): one subject's deliveries go
 * out in order
 * @param eventTime when what it reports happened
 * @param state {@code PENDING}, {@code DELIVERED} or {@code DEAD}
 * @param attempts attempts since it was (re)queued
 * @param nextAttemptAt when it is tried next (pending only)
 * @param lastAttemptAt when it was last tried, or null
 * @param attemptLog every attempt, oldest first (filled where a page shows them)
 */
public record Delivery(long id, String webhookId, long eventSeq, String eventId, String eventType, String subject,
		Instant eventTime, String state, int attempts, Instant nextAttemptAt, Instant lastAttemptAt,
		List<Attempt> attemptLog) {

	/** Waiting for its next attempt. */
	public static final String PENDING = "PENDING";

	/** The endpoint answered 2xx. */
	public static final String DELIVERED = "DELIVERED";

	/** Every attempt failed: set aside until a replay or a re-queue. */
	public static final String DEAD = "DEAD";

	public Delivery {
		attemptLog = List.copyOf(attemptLog);
	}

	Delivery withAttempts(List<Attempt> attempts) {
		return new Delivery(this.id, this.webhookId, this.eventSeq, this.eventId, this.eventType, this.subject,
				this.eventTime, this.state, this.attempts, this.nextAttemptAt, this.lastAttemptAt, attempts);
	}

	/**
	 * One attempt.
	 *
	 * @param at when it started
	 * @param status the endpoint's HTTP status, or null when none came
	 * @param error what went wrong, or null
	 * @param durationMillis how long it took
	 */
	public record Attempt(Instant at, Integer status, String error, int durationMillis) {

		/**
		 * Whether the endpoint took it.
		 * @return true for a 2xx
		 */
		public boolean succeeded() {
			return this.status != null && this.status >= 200 && this.status < 300;
		}

	}

}
