package org.millgate.changefeed.feed;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One kind of ERP change the feed reads: from the position it keeps in the feed's state,
 * one page of changes per call.
 */
public interface Source {

	/**
	 * The source's name, in its state keys, metrics and logs.
	 * @return e.g. {@code orders}
	 */
	String name();

	/**
	 * Reads the next page of changes: one call to the ERP, or the few a source needs
	 * ({@link Poll#calls()}).
	 * @param state what the feed has published so far (positions, what it knows of each
	 * entity); the source reads it and returns what changes
	 * @param now the current time, for what has settled
	 * @param correlationId the id of this read, for the events it finds
	 * @return the events and the state they lead to
	 */
	Poll poll(FeedState state, Instant now, String correlationId);

	/**
	 * What one read found.
	 *
	 * @param events the events, in the order they are published
	 * @param updates the state entries to write with them: a null value removes an entry
	 * @param more whether there are more changes to read now
	 * @param watermark the ERP change time up to which every change of this source is
	 * published once these events are, or null when the source keeps none
	 * @param calls the calls to the ERP the read made, for the feed's budget: the first
	 * was granted before the read, the others are taken from the budget after it
	 */
	record Poll(List<FeedEvent> events, Map<String, String> updates, boolean more, Instant watermark, int calls) {

		public Poll {
			events = List.copyOf(events);
			updates = Collections.unmodifiableMap(new LinkedHashMap<>(updates));
		}

		public Poll(List<FeedEvent> events, Map<String, String> updates, boolean more) {
			this(events, updates, more, null, 1);
		}

		public Poll(List<FeedEvent> events, Map<String, String> updates, boolean more, Instant watermark) {
			this(events, updates, more, watermark, 1);
		}

	}

}
