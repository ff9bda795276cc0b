package org.millgate.product.web.events;

import java.time.Instant;
import java.util.List;

/**
 * Where a product keeps the events of what it booked until Kafka has them: written in the
 * same step as the booking's answer (so that a booking is never without its event, nor an
 * event without its booking), read and emptied by the {@link EventRelay}.
 */
public interface EventOutbox {

	/**
	 * Adds an event that is no booking's own (a booking's event is written with its
	 * answer, in one step): e.g. the report of an ERP refusal. Blocks: call it off any
	 * event loop.
	 * @param event the event
	 */
	void append(OutboxEvent event);

	/**
	 * The next events to deliver, oldest first; none while another instance's relay
	 * delivers.
	 * @param max how many at most
	 * @return the events with their place in the outbox
	 */
	List<Pending> next(int max);

	/**
	 * Takes delivered events out.
	 * @param ids their places in the outbox
	 */
	void delivered(List<String> ids);

	/**
	 * Whether this instance's relay may deliver now: an outbox shared by several
	 * instances is delivered by one at a time, so that events leave in the order they
	 * were booked; asked (and the right renewed) before every delivery.
	 * @return true when this relay holds the right to deliver
	 */
	default boolean held() {
		return true;
	}

	/**
	 * Takes an event Kafka refuses for good (too large, not authorized, not serializable)
	 * out of the way of the events behind it, keeping it aside with the reason.
	 * @param pending the event
	 * @param reason why Kafka refused it
	 */
	void deadLettered(Pending pending, String reason);

	/**
	 * The events Kafka refused for good, oldest first, for an operator to inspect.
	 * @return the dead letters
	 */
	List<DeadLetter> deadLetters();

	/**
	 * Puts a dead letter back into the outbox, at its end (after the events booked
	 * since), once what made Kafka refuse it is fixed.
	 * @param id the dead letter's id
	 * @return whether there was one of that id
	 */
	boolean requeue(String id);

	/**
	 * How many events wait, for the metrics and the logs.
	 * @return the number waiting
	 */
	long waiting();

	/**
	 * One event in the outbox.
	 *
	 * @param id its place in the outbox
	 * @param event the event
	 */
	record Pending(String id, OutboxEvent event) {

	}

	/**
	 * An event Kafka refused for good.
	 *
	 * @param id its place among the dead letters
	 * @param event the event
	 * @param reason why Kafka refused it
	 * @param deadLetteredAt when
	 */
	record DeadLetter(String id, OutboxEvent event, String reason, Instant deadLetteredAt) {

	}

}
