package org.millgate.portal.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Partner webhooks ({@code millgate.portal.webhooks.*}).
 *
 * @param enabled whether the portal reads shipment events and delivers them
 * @param kafkaBootstrap the Kafka cluster ({@code MILLGATE_KAFKA_BOOTSTRAP})
 * @param consumerGroup the consumer group the portal reads the shipment events in
 * @param partnerShipTos the ship-to parties of each partner (its tokens'
 * {@code partner_id}); the same registry as the Shipments API's
 * {@code millgate.shipments.partner-ship-tos}: a partner receives the events of these
 * ship-to parties only, and a partner not listed none
 * @param retryDelays the waits before the second, third, ... attempt; after the last one
 * the delivery is dead-lettered
 * @param timeout how long one attempt may take (connecting, sending, the answer)
 * @param secretOverlap how long a rotated secret still signs beside the new one
 * @param perPartner how many webhooks (not deleted) one partner may have
 * @param allowHttp whether {@code http:} endpoints are accepted (only https otherwise)
 * @param allowPrivateAddresses whether endpoints on loopback, private, link-local or
 * other internal addresses are accepted (never, outside a demo or a test: they are the
 * platform's own network)
 * @param pollInterval how often due deliveries are looked for
 * @param concurrency how many deliveries are under way at once
 * @param keepEvents how long received events are kept for deliveries and replays
 */
@ConfigurationProperties("millgate.portal.webhooks")
public record WebhookSettings(@DefaultValue("true") boolean enabled,
		@DefaultValue("127.0.0.1:9092") String kafkaBootstrap, @DefaultValue("partner-shipments") String consumerGroup,
		Map<String, List<String>> partnerShipTos, @DefaultValue( {
				"5s", "30s", "2m", "10m", "30m", "1h", "2h", "4h" }) List<Duration> retryDelays,
		@DefaultValue("10s") Duration timeout, @DefaultValue("24h") Duration secretOverlap,
		@DefaultValue("10") int perPartner, @DefaultValue("false") boolean allowHttp,
		@DefaultValue("false") boolean allowPrivateAddresses, @DefaultValue("500ms") Duration pollInterval,
		@DefaultValue("4") int concurrency, @DefaultValue("7d") Duration keepEvents){

	public WebhookSettings {
		partnerShipTos = (partnerShipTos != null) ? Map.copyOf(partnerShipTos) : Map.of();
		retryDelays = List.copyOf(retryDelays);
	}

	/**
	 * A partner's ship-to parties.
	 * @param partner the partner
	 * @return its ship-to parties, empty when it is not registered
	 */
	public Set<String> shipTosOf(String partner) {
		return Set.copyOf(this.partnerShipTos.getOrDefault(partner, List.of()));
	}

	/**
	 * How many attempts a delivery has before it is dead-lettered.
	 * @return one more than there are retry delays
	 */
	public int attempts() {
		return this.retryDelays.size() + 1;
	}

}
