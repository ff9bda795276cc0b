package org.millgate.product.web.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An outbox in this instance's memory: the embedded default without Redis, as the
 * idempotency keys are then. Events not delivered when the process ends are lost with it;
 * with Redis they are not.
 */
public final class MemoryOutbox implements EventOutbox {

	private static final int REMEMBERED = 100_000;

	private final Map<String, OutboxEvent> events = new LinkedHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private final List<DeadLetter> deadLetters = new ArrayList<>();

	// the ids of the events appended, so that a retry's booking is no second event
	private final Set<String> appended = new LinkedHashSet<>();

	/**
	 * Adds an event, unless an event of that id was added before.
	 * @param event the event
	 */
	@Override
	public synchronized void append(OutboxEvent event) {
		if (!this.appended.add(event.id())) {
			return;
		}
		if (this.appended.size() > REMEMBERED) {
			this.appended.remove(this.appended.iterator().next());
		}
		this.events.put(Long.toString(this.sequence.incrementAndGet()), event);
	}

	@Override
	public synchronized List<Pending> next(int max) {
		List<Pending> next = new ArrayList<>();
		for (Map.Entry<String, OutboxEvent> entry : this.events.entrySet()) {
			if (next.size() == max) {
				break;
			}
			next.add(new Pending(entry.getKey(), entry.getValue()));
		}
		return next;
	}

	@Override
	public synchronized void delivered(List<String> ids) {
		ids.forEach(this.events::remove);
	}

	@Override
	public synchronized void deadLettered(Pending pending, String reason) {
		this.deadLetters.add(new DeadLetter(pending.event(), reason));
		this.events.remove(pending.id());
	}

	/**
	 * The events Kafka refused for good.
	 * @return them, oldest first
	 */
	public synchronized List<DeadLetter> deadLetters() {
		return List.copyOf(this.deadLetters);
	}

	/**
	 * An event Kafka refused for good, with the reason.
	 *
	 * @param event the event
	 * @param reason why
	 */
	public record DeadLetter(OutboxEvent event, String reason) {

	}

	@Override
	public synchronized long waiting() {
		return this.events.size();
	}

}
