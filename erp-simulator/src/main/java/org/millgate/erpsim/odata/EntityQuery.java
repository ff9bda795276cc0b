package org.millgate.erpsim.odata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.millgate.erpsim.odata.filter.Filter;
import org.millgate.erpsim.odata.filter.FilterParser;
import org.millgate.erpsim.service.EntitySet;
import org.millgate.erpsim.service.Property;

/**
 * Runs {@code $filter}, {@code $orderby}, {@code $skip}, {@code $top} and server-side
 * paging ({@code $skiptoken}) over the rows of an entity set.
 */
public final class EntityQuery {

	private final EntitySet set;

	private final ODataVersion version;

	private final int pageSize;

	/**
	 * A query over one entity set.
	 * @param set the entity set
	 * @param version the protocol version of its service
	 * @param pageSize rows per page when the client sets no {@code $top}
	 */
	public EntityQuery(EntitySet set, ODataVersion version, int pageSize) {
		this.set = set;
		this.version = version;
		this.pageSize = pageSize;
	}

	/**
	 * Runs the query.
	 * @param rows the candidate rows
	 * @param options the request's options
	 * @return the page
	 * @throws ODataException 400 for any invalid option
	 */
	public Page run(List<Map<String, Object>> rows, QueryOptions options) {
		Filter filter = filter(options.get("$filter"));
		Comparator<Map<String, Object>> order = order(options.list("$orderby"));
		int skip = Math.max(options.number("$skip"), 0);
		int top = options.number("$top");
		int token = Math.max(options.number("$skiptoken"), 0);
		List<Map<String, Object>> matching = new ArrayList<>();
		for (Map<String, Object> row : rows) {
			if (filter == null || filter.matches((name) -> value(row, name))) {
				matching.add(row);
			}
		}
		if (order != null) {
			matching.sort(order);
		}
		int total = matching.size();
		int from = Math.min(skip + token, total);
		int limit = (top >= 0) ? Math.max(0, Math.min(top - token, total - from)) : total - from;
		boolean paged = top < 0 && limit > this.pageSize;
		if (paged) {
			limit = this.pageSize;
		}
		int next = paged ? token + this.pageSize : -1;
		return new Page(List.copyOf(matching.subList(from, from + limit)), total, next);
	}

	private Object value(Map<String, Object> row, String name) {
		return this.set.property(name).map((property) -> Values.of(row, property)).orElse(null);
	}

	private Filter filter(String text) {
		if (text == null) {
			return null;
		}
		return new FilterParser(this.set.types(), this.version).parse(text);
	}

	private Comparator<Map<String, Object>> order(List<String> items) {
		Comparator<Map<String, Object>> order = null;
		for (String item : items) {
			String[] parts = item.trim().split("\\s+");
			if (parts.length > 2 || (parts.length == 2 && !parts[1].equals("asc") && !parts[1].equals("desc"))) {
				throw ODataException.badRequest("Invalid $orderby item '" + item + "'");
			}
			Property property = this.set.property(parts[0])
				.orElseThrow(() -> ODataException.badRequest(
						"Property '" + parts[0] + "' not found in type '" + this.set.entityType() + "' ($orderby)"));
			Comparator<Map<String, Object>> next = Comparator.comparing((row) -> comparable(Values.of(row, property)),
					Comparator.nullsFirst(Comparator.naturalOrder()));
			if (parts.length == 2 && parts[1].equals("desc")) {
				next = next.reversed();
			}
			order = (order == null) ? next : order.thenComparing(next);
		}
		return order;
	}

	@SuppressWarnings("unchecked")
	private static Comparable<Object> comparable(Object value) {
		return (Comparable<Object>) value;
	}

	/**
	 * One page of a result.
	 *
	 * @param rows the rows of the page
	 * @param total how many rows matched before skip, top and paging
	 * @param nextSkipToken the {@code $skiptoken} of the next page, or -1 on the last
	 */
	public record Page(List<Map<String, Object>> rows, int total, int nextSkipToken) {

	}

}
