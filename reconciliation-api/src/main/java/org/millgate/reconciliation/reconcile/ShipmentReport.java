package org.millgate.reconciliation.reconcile;

import java.time.Instant;

/**
 * A shipment status a warehouse or transport system reported, as recorded.
 *
 * @param reportId its id
 * @param shipmentId the shipment
 * @param plant the plant it ships from, as the ERP has it
 * @param status {@code PICKING}, {@code PACKED}, {@code LOADED}, {@code SHIPPED} or
 * {@code DELIVERED}
 * @param system {@code WMS} or {@code TRANSPORT}
 * @param reporter the reporting system's name
 * @param reportedAt the moment the status holds for
 * @param receivedAt when it was recorded
 * @param clientId the OAuth2 client that reported it
 */
public record ShipmentReport(String reportId, String shipmentId, String plant, String status, String system,
		String reporter, Instant reportedAt, Instant receivedAt, String clientId) {

}
