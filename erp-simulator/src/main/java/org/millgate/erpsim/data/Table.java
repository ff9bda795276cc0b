package org.millgate.erpsim.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A table of rows, each an immutable map from column name to value (String, BigDecimal,
 * Integer, Boolean, LocalDateTime, LocalTime, OffsetDateTime, UUID), in insertion order.
 * Iterating {@link #rows()} sees one table's state at one moment without locking; writes
 * are serialized. A change spanning several tables (a confirmation booked on operation
 * and order) is not atomic for readers.
 */
public final class Table {

	private final String name;

	private final CopyOnWriteArrayList<Map<String, Object>> rows = new CopyOnWriteArrayList<>();

	public Table(String name) {
		this.name = name;
	}

	public String name() {
		return this.name;
	}

	/**
	 * Every row, as a snapshot: iterating it is not disturbed by later writes.
	 * @return the rows, read-only
	 */
	public List<Map<String, Object>> rows() {
		return Collections.unmodifiableList(this.rows);
	}

	/**
	 * Adds a row.
	 * @param row column to value; copied
	 */
	public synchronized void insert(Map<String, Object> row) {
		this.rows.add(copy(row));
	}

	/**
	 * Replaces every row that matches.
	 * @param which the rows to change
	 * @param change the new row for an old one
	 * @return how many rows changed
	 */
	public synchronized int update(Predicate<Map<String, Object>> which, UnaryOperator<Map<String, Object>> change) {
		int changed = 0;
		for (int i = 0; i < this.rows.size(); i++) {
			if (which.test(this.rows.get(i))) {
				this.rows.set(i, copy(change.apply(this.rows.get(i))));
				changed++;
			}
		}
		return changed;
	}

	/**
	 * Replaces every row, e.g. to restore the seed.
	 * @param rows the new rows, as another table's {@link #rows()} hands them out
	 */
	public synchronized void replaceAll(List<Map<String, Object>> rows) {
		// Rows are immutable maps: they can be shared, not copied.
		this.rows.clear();
		this.rows.addAll(rows);
	}

	/**
	 * Removes every row that matches.
	 * @param which the rows to remove
	 * @return whether any was removed
	 */
	public synchronized boolean removeIf(Predicate<Map<String, Object>> which) {
		return this.rows.removeIf(which);
	}

	// Map.copyOf refuses null values, and ERP rows have many empty fields.
	private static Map<String, Object> copy(Map<String, Object> row) {
		return Collections.unmodifiableMap(new LinkedHashMap<>(row));
	}

}
