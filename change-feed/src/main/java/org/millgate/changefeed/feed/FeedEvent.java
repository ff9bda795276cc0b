package org.millgate.changefeed.feed;

import java.time.Instant;

/**
 * One event the feed publishes: a CloudEvent 1.0 in Kafka's binary content mode, as the
 * event contracts declare (the data is the record's value, the attributes its {@code ce_}
 * headers).
 *
 * @param topic the event product's topic
 * @param key the record key: what stays in order together
 * @param id {@code ce_id}: the same ERP change always yields the same id
 * @param type {@code ce_type}
 * @param subject {@code ce_subject}
 * @param time {@code ce_time}: when what it reports happened in the ERP
 * @param dataschema {@code ce_dataschema}
 * @param correlationId {@code ce_correlationid}: the id of the read that found it
 * @param data the event's data, JSON
 */
public record FeedEvent(String topic, String key, String id, String type, String subject, Instant time,
		String dataschema, String correlationId, String data) {

	/** {@code ce_source} of every event of the feed. */
	public static final String SOURCE = "/millgate/erp-change-feed";

}
