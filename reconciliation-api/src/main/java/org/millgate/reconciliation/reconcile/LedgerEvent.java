package org.millgate.reconciliation.reconcile;

import java.time.Instant;

/**
 * An event the platform's event streams carried about a production order or a shipment:
 * what it was, when it happened and when it reached the stream.
 *
 * @param eventId its {@code ce_id}
 * @param type its {@code ce_type}
 * @param orderId the production order it is about, or null
 * @param shipmentId the shipment it is about, or null
 * @param occurredAt when it happened ({@code ce_time})
 * @param publishedAt when it reached the stream (the record's timestamp)
 * @param correlationId its {@code ce_correlationid}, or null
 * @param detail what an operator needs beyond that (an ERP refusal's codes), or null
 */
public record LedgerEvent(String eventId, String type, String orderId, String shipmentId, Instant occurredAt,
		Instant publishedAt, String correlationId, String detail) {

}
