package org.millgate.changefeed;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the change feed, bound under {@code millgate.change-feed}.
 *
 * @param plants the plants whose changes are published
 * ({@code MILLGATE_CHANGE_FEED_PLANTS}, comma separated)
 * @param interval how long the feed rests after it has caught up with the ERP
 * @param erpCallsPerMinute the most calls the feed makes to the ERP in any minute
 * ({@code MILLGATE_CHANGE_FEED_ERP_CALLS_PER_MINUTE}): the load it may put on the ERP,
 * however far behind it is
 * @param pageSize how many orders or material documents one call reads
 * @param settle how old a change must be before the feed reads past it: changes the ERP
 * is still committing carry a time stamp slightly in the past, and a reader that moved
 * beyond that time would never see them
 * @param start where a feed without a position begins: null for the ERP's first change,
 * or a moment (a real ERP's history is long; begin with today)
 * @param plantZones the time zone of each plant, for the ERP's local dates and times
 * @param defaultZone the zone of plants not listed
 * @param erpZone the ERP system's time zone, in which it keeps when a document was
 * entered
 * @param transactionalId the Kafka transactional id: one feed at a time publishes under
 * it, a second one fences the first
 * @param kafkaBootstrap the platform's Kafka ({@code MILLGATE_KAFKA_BOOTSTRAP}, the
 * embedded broker's {@code 127.0.0.1:9092} unless set)
 * @param stateTopic the compacted topic that keeps the feed's positions and what it has
 * published of each order, written in the same transaction as the events
 * @param shippingPointPlants the plant each shipping point belongs to (the ERP's delivery
 * names its shipping point only), as the Shipments API has it
 * @param kafka more Kafka client settings for the feed's producer, state reader and admin
 * client ({@code security.protocol}, {@code sasl.*}, {@code ssl.*} toward a secured
 * cluster)
 * @param watermarkTopic the compacted topic of the change time up to which each source
 * has published every change, which products read to hold events that must not come first
 * @param apiUsers the ERP users the Production Orders API books confirmations as
 * ({@code MILLGATE_CHANGE_FEED_API_USERS}, comma separated; by default the ERP user of
 * {@code MILLGATE_ERP_AUTH_USER}, or the simulator's): the events of their confirmations
 * come from the API's outbox, those of every other user's from the feed
 */
@Validated
@ConfigurationProperties("millgate.change-feed")
public record ChangeFeedSettings(@NotEmpty Set<@Pattern(regexp = "[A-Z0-9]{4}") String> plants,
		@DefaultValue("1s") @NotNull Duration interval, @DefaultValue("120") @Min(1) @Max(60000) int erpCallsPerMinute,
		@DefaultValue("100") @Min(1) @Max(1000) int pageSize, @DefaultValue("5s") @NotNull Duration settle,
		Instant start, Map<String, ZoneId> plantZones, @DefaultValue("UTC") ZoneId defaultZone,
		@DefaultValue("UTC") ZoneId erpZone, @DefaultValue("millgate-change-feed") String transactionalId,
		@DefaultValue("127.0.0.1:9092") @NotBlank String kafkaBootstrap,
		@DefaultValue("millgate.change-feed.state") String stateTopic,
		@DefaultValue("millgate.change-feed.watermarks") String watermarkTopic, Map<String, String> shippingPointPlants,
		Map<String, String> kafka, @NotEmpty Set<@NotBlank String> apiUsers) {

	public ChangeFeedSettings {
		plants = Set.copyOf(plants);
		plantZones = (plantZones != null) ? Map.copyOf(plantZones) : Map.of();
		shippingPointPlants = (shippingPointPlants != null) ? Map.copyOf(shippingPointPlants) : Map.of();
		kafka = (kafka != null) ? Map.copyOf(kafka) : Map.of();
		apiUsers = Set.copyOf(apiUsers);
	}

	/**
	 * The time zone of a plant.
	 * @param plant the plant
	 * @return the zone
	 */
	public ZoneId zoneOf(String plant) {
		return this.plantZones.getOrDefault(plant, this.defaultZone);
	}

}
