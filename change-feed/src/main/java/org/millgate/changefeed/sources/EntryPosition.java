package org.millgate.changefeed.sources;

import java.time.Instant;

import org.millgate.erp.port.Confirmations;

/**
 * Where a reader of the ERP's confirmations by entry time stands, as kept in the feed's
 * state ({@code <time>|<id>}): the entry time and id ({@code group-counter}) of the last
 * one read, or the time up to which all are read ({@code <time>|*}). Several
 * confirmations can share an entry time: a read starts at the time again and passes over
 * what it has read (the ERP, asked to go on after the last one read, gives none of them
 * again; the check stays as a guard).
 *
 * @param at the entry time
 * @param lastId the id of the last confirmation read at that time, or {@link #ALL}
 */
record EntryPosition(Instant at, String lastId) {

	/** Every confirmation entered at the position's time is read. */
	static final String ALL = "*";

	/**
	 * A position from the state.
	 * @param text the state's entry, or null
	 * @return the position, or null for none
	 */
	static EntryPosition parse(String text) {
		if (text == null) {
			return null;
		}
		int bar = text.indexOf('|');
		return new EntryPosition(Instant.parse(text.substring(0, bar)), text.substring(bar + 1));
	}

	/**
	 * Whether a confirmation was read before this position's read.
	 * @param entered its entry time
	 * @param id its id
	 * @return whether to pass over it
	 */
	boolean passed(Instant entered, String id) {
		return entered.equals(this.at) && (ALL.equals(this.lastId) || compare(id, this.lastId) <= 0);
	}

	/**
	 * Where the ERP is to go on reading after this position.
	 * @return the key of the next read
	 */
	Confirmations.EntryKey next() {
		return ALL.equals(this.lastId) ? new Confirmations.EntryKey(this.at, null, true)
				: new Confirmations.EntryKey(this.at, this.lastId, false);
	}

	/**
	 * Where a source without a position starts.
	 * @param start its first entry time, or null for the ERP's first confirmation
	 * @return the key of the first read, or null
	 */
	static Confirmations.EntryKey first(Instant start) {
		return (start != null) ? new Confirmations.EntryKey(start, null, false) : null;
	}

	@Override
	public String toString() {
		return this.at + "|" + this.lastId;
	}

	// ids "group-counter", by group then counter as numbers
	private static int compare(String id, String other) {
		String[] a = id.split("-", 2);
		String[] b = other.split("-", 2);
		int groups = a[0].compareTo(b[0]);
		return (groups != 0) ? groups : Long.compare(Long.parseLong(a[1]), Long.parseLong(b[1]));
	}

}
