package org.millgate.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Locks a user name or client id out after consecutive failed attempts: first the pair of
 * name and client address ({@code lockAfter} failures), and the name from every address
 * only after many more ({@code lockEverywhereAfter}), so that one address can guess a few
 * times per lock-out but cannot lock a known user out for everyone. Each lock-out of the
 * same key lasts twice as long as the one before, up to {@code maxLockout}; a success
 * forgets the failures of the name, and failures are forgotten after {@code forgetAfter}
 * without another. Unknown names are counted and locked exactly like known ones, so a
 * lock-out tells nothing about who exists. Kept in this instance's memory, like
 * {@link AddressBuckets}.
 */
final class FailureLockouts {

	private final Map<String, Failures> pairs = new ConcurrentHashMap<>();

	private final Map<String, Failures> names = new ConcurrentHashMap<>();

	private final Clock clock;

	private final IdentitySettings.Attempts limits;

	FailureLockouts(Clock clock, IdentitySettings.Attempts limits) {
		this.clock = clock;
		this.limits = limits;
	}

	/**
	 * How long a name is still locked out for an address.
	 * @param name the user name or client id (with its kind, e.g. {@code user:acme-dev})
	 * @param address the client address
	 * @return empty when it is not locked out, otherwise the time left
	 */
	Optional<Duration> lockedOut(String name, String address) {
		Instant now = this.clock.instant();
		return Stream.of(this.pairs.get(pair(name, address)), this.names.get(name))
			.filter((failures) -> failures != null && failures.lockedUntil().isAfter(now))
			.map((failures) -> Duration.between(now, failures.lockedUntil()))
			.max(Comparator.naturalOrder());
	}

	/**
	 * Counts a failed attempt, locking out the pair or the name when it reaches its
	 * limit.
	 * @param name the user name or client id
	 * @param address the client address
	 */
	void failed(String name, String address) {
		Instant now = this.clock.instant();
		this.pairs.compute(pair(name, address), (key, failures) -> next(failures, now, this.limits.lockAfter()));
		this.names.compute(name, (key, failures) -> next(failures, now, this.limits.lockEverywhereAfter()));
		bound(this.pairs, now);
		bound(this.names, now);
	}

	/**
	 * Forgets the failures of a name that signed in (from this address and everywhere).
	 * @param name the user name or client id
	 * @param address the client address
	 */
	void succeeded(String name, String address) {
		this.pairs.remove(pair(name, address));
		this.names.remove(name);
	}

	private Failures next(Failures failures, Instant now, int limit) {
		Failures current = (failures == null || forgotten(failures, now)) ? new Failures(0, 0, Instant.MIN, now)
				: failures;
		int count = current.count() + 1;
		if (count < limit) {
			return new Failures(count, current.lockouts(), current.lockedUntil(), now);
		}
		int lockouts = current.lockouts() + 1;
		return new Failures(0, lockouts, now.plus(lockout(lockouts)), now);
	}

	// the first lock-out lasts `lockout`, each next one twice as long, up to the maximum
	private Duration lockout(int lockouts) {
		Duration period = this.limits.lockout();
		for (int i = 1; i < lockouts && period.compareTo(this.limits.maxLockout()) < 0; i++) {
			period = period.multipliedBy(2);
		}
		return (period.compareTo(this.limits.maxLockout()) < 0) ? period : this.limits.maxLockout();
	}

	private boolean forgotten(Failures failures, Instant now) {
		return !failures.lockedUntil().isAfter(now) && failures.last().plus(this.limits.forgetAfter()).isBefore(now);
	}

	// Beyond the bound the forgotten go first, then the quietest that are not locked out.
	private void bound(Map<String, Failures> failures, Instant now) {
		if (failures.size() <= this.limits.maxTracked()) {
			return;
		}
		failures.values().removeIf((entry) -> forgotten(entry, now));
		if (failures.size() > this.limits.maxTracked()) {
			failures.entrySet()
				.stream()
				.sorted(Comparator
					.comparing((Map.Entry<String, Failures> entry) -> entry.getValue().lockedUntil().isAfter(now))
					.thenComparing((entry) -> entry.getValue().last()))
				.limit(failures.size() - this.limits.maxTracked() * 9L / 10)
				.map(Map.Entry::getKey)
				.toList()
				.forEach(failures::remove);
		}
	}

	private static String pair(String name, String address) {
		return name + " from " + address;
	}

	/**
	 * The failures of one key.
	 *
	 * @param count consecutive failures since the last lock-out
	 * @param lockouts how many times it was locked out
	 * @param lockedUntil until when the last lock-out lasts
	 * @param last when it last failed
	 */
	private record Failures(int count, int lockouts, Instant lockedUntil, Instant last) {

	}

}
