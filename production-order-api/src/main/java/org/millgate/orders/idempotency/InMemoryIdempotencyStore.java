package org.millgate.orders.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.millgate.product.web.events.EventOutbox;
import org.millgate.product.web.events.MemoryOutbox;
import org.millgate.product.web.events.OutboxEvent;

/**
 * Keys in this instance's memory: the embedded default, when no Redis is configured. Lost
 * on restart; the ERP-side dedupe value still prevents a second posting. The events wait
 * in a {@link MemoryOutbox}, lost on restart too.
 */
public final class InMemoryIdempotencyStore implements IdempotencyStore {

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	private final Duration timeToLive;

	private final Duration inFlightFor;

	private final Clock clock;

	private final MemoryOutbox outbox = new MemoryOutbox();

	public InMemoryIdempotencyStore(Duration timeToLive, Duration inFlightFor, Clock clock) {
		this.timeToLive = timeToLive;
		this.inFlightFor = inFlightFor;
		this.clock = clock;
	}

	@Override
	public Mono<Claim> claim(String key, String fingerprint) {
		return Mono.fromSupplier(() -> {
			Instant now = this.clock.instant();
			this.entries.values().removeIf((entry) -> entry.expires().isBefore(now));
			Entry fresh = new Entry(fingerprint, 0, null, now.plus(this.inFlightFor));
			Entry existing = this.entries.putIfAbsent(key, fresh);
			if (existing == null) {
				return new Claim.Fresh();
			}
			if (!existing.fingerprint().equals(fingerprint)) {
				return new Claim.Mismatch();
			}
			return (existing.status() == 0) ? new Claim.InFlight()
					: new Claim.Replay(existing.status(), existing.body());
		});
	}

	@Override
	public Mono<Void> complete(String key, String fingerprint, int status, String body, OutboxEvent event) {
		return Mono.fromRunnable(() -> {
			synchronized (this.outbox) {
				this.entries.put(key, new Entry(fingerprint, status, body, this.clock.instant().plus(this.timeToLive)));
				if (event != null) {
					this.outbox.append(event);
				}
			}
		});
	}

	@Override
	public EventOutbox outbox() {
		return this.outbox;
	}

	@Override
	public Mono<Void> abandon(String key) {
		return Mono.fromRunnable(() -> this.entries.remove(key));
	}

	@Override
	public String kind() {
		return "memory";
	}

	private record Entry(String fingerprint, int status, String body, Instant expires) {

	}

}
