package org.millgate.product.web.events;

import java.time.Instant;

/**
 * One event waiting in a product's outbox: a CloudEvent 1.0 bound for one Kafka topic, in
 * the binary content mode the event contracts declare (the data is the record's value,
 * the attributes its {@code ce_} headers).
 *
 * @param topic the event product's topic, e.g.
 * {@code millgate.production-orders.events.v1}
 * @param key the record key: what stays in order together (the order, the delivery, ...)
 * @param id {@code ce_id}: stable, the same business fact always yields the same id
 * @param source {@code ce_source}, e.g. {@code /millgate/production-order-api}
 * @param type {@code ce_type}, e.g.
 * {@code dev.millgate.production-orders.order-confirmed}
 * @param subject {@code ce_subject}, what the event is about
 * @param time {@code ce_time}, when it happened
 * @param dataschema {@code ce_dataschema}, the schema of the data, or null
 * @param correlationId {@code ce_correlationid}, the call that caused it
 * @param traceparent {@code ce_traceparent}, or null
 * @param data the event's data, JSON
 */
public record OutboxEvent(String topic, String key, String id, String source, String type, String subject, Instant time,
		String dataschema, String correlationId, String traceparent, String data) {

}
