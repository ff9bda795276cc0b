package org.millgate.portal.operations;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the operations pages ({@code millgate.portal.operations.*}).
 *
 * @param clientId the portal's client at identity for reading the Reconciliation API
 * (scope {@code reconciliation:read}, the plants operations may see)
 * @param clientSecret its secret ({@code MILLGATE_PORTAL_OPERATIONS_SECRET}); without it
 * the pages say so and show the charts alone
 * @param gatewayMetricsUrl the gateway's Prometheus endpoint (the gateway's management
 * port answers this machine only)
 * @param eventBrokerMetricsUrl the event broker's Prometheus endpoint (consumer lag)
 * @param sampleEvery how often the charts' figures are sampled
 */
@ConfigurationProperties("millgate.portal.operations")
public record OperationsSettings(@DefaultValue("ops-console") String clientId, @DefaultValue("") String clientSecret,
		@DefaultValue("http://localhost:8080/actuator/prometheus") URI gatewayMetricsUrl,
		@DefaultValue("http://localhost:8094/actuator/prometheus") URI eventBrokerMetricsUrl,
		@DefaultValue("30s") Duration sampleEvery) {

	public boolean hasClient() {
		return !this.clientSecret.isBlank() && !this.clientSecret.startsWith("${");
	}

	@Override
	public String toString() {
		return "OperationsSettings[clientId=" + this.clientId + ", clientSecret=***, gatewayMetricsUrl="
				+ this.gatewayMetricsUrl + ", eventBrokerMetricsUrl=" + this.eventBrokerMetricsUrl + "]";
	}

}
