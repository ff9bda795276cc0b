package org.millgate.portal.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A shipment event read from Kafka (CloudEvents in binary mode), with the body a webhook
 * delivers: the same event in structured JSON, as the HTTP event stream gives it, its
 * data exactly as published (not parsed and written again: quantities keep their three
 * decimals).
 *
 * @param id the CloudEvents id
 * @param type the CloudEvents type
 * @param subject what it is about ({@code shipment/<id>})
 * @param shipTo the shipment's ship-to party, or null
 * @param plant the shipment's plant, or null
 * @param time when what it reports happened
 * @param topic where it was read
 * @param partition its partition
 * @param offset its offset
 * @param body the structured CloudEvent
 */
record ReceivedEvent(String id, String type, String subject, String shipTo, String plant, Instant time, String topic,
		int partition, long offset, String body) {

	private static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * Reads a record.
	 * @param record the record
	 * @return the event
	 * @throws Unreadable when it is no CloudEvent with a JSON object as its data
	 */
	static ReceivedEvent of(ConsumerRecord<String, String> record) {
		Map<String, String> headers = new HashMap<>();
		for (Header header : record.headers()) {
			if (header.value() != null) {
				headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
			}
		}
		String id = headers.get("ce_id");
		String type = headers.get("ce_type");
		String subject = headers.get("ce_subject");
		if (id == null || type == null || subject == null || record.value() == null) {
			throw new Unreadable("not a CloudEvent: ce_id, ce_type, ce_subject or the value is missing");
		}
		JsonNode data;
		Instant time;
		try {
			data = JSON.readTree(record.value());
			time = OffsetDateTime.parse(headers.getOrDefault("ce_time", "")).toInstant();
		}
		catch (JsonProcessingException | DateTimeParseException ex) {
			throw new Unreadable("unreadable: " + ex.getClass().getSimpleName());
		}
		if (data == null || !data.isObject()) {
			throw new Unreadable("its data is not a JSON object");
		}
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("specversion", headers.getOrDefault("ce_specversion", "1.0"));
		envelope.put("id", id);
		envelope.put("source", headers.get("ce_source"));
		envelope.put("type", type);
		envelope.put("subject", subject);
		envelope.put("time", headers.get("ce_time"));
		envelope.put("datacontenttype", "application/json");
		putIfPresent(envelope, "dataschema", headers.get("ce_dataschema"));
		putIfPresent(envelope, "correlationid", headers.get("ce_correlationid"));
		putIfPresent(envelope, "traceparent", headers.get("ce_traceparent"));
		String attributes;
		try {
			attributes = JSON.writeValueAsString(envelope);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		String body = attributes.substring(0, attributes.length() - 1) + ",\"data\":" + record.value().strip() + "}";
		return new ReceivedEvent(id, type, subject, text(data, "shipTo"), text(data, "plant"), time, record.topic(),
				record.partition(), record.offset(), body);
	}

	private static String text(JsonNode data, String field) {
		JsonNode value = data.get(field);
		return (value != null && value.isTextual()) ? value.asText() : null;
	}

	private static void putIfPresent(Map<String, Object> envelope, String name, String value) {
		if (value != null) {
			envelope.put(name, value);
		}
	}

	/**
	 * A record that is no event a webhook can carry.
	 */
	static final class Unreadable extends RuntimeException {

		Unreadable(String message) {
			super(message);
		}

	}

}
