package org.millgate.product.web.events;

import java.time.Instant;
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

	private final Map<String, DeadLetter> deadLetters = new LinkedHashMap<>();

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
		String id = Long.toString(this.sequence.incrementAndGet());
		this.deadLetters.put(id, new DeadLetter(id, pending.event(), reason, Instant.now()));
		this.events.remove(pending.id());
	}

	@Override
	public synchronized List<DeadLetter> deadLetters() {
		return List.copyOf(this.deadLetters.values());
	}

	@Override
	public synchronized boolean requeue(String id) {
		DeadLetter dead = this.deadLetters.remove(id);
		if (dead == null) {
			return false;
		}
		this.events.put(Long.toString(this.sequence.incrementAndGet()), dead.event());
		return true;
	}

	@Override
	public synchronized long waiting() {
		return this.events.size();
	}

}
