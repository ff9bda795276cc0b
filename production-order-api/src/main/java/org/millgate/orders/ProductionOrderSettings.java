package org.millgate.orders;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the production-orders service, bound under
 * {@code millgate.production-orders}.
 *
 * @param overDeliveryTolerancePercent the share above the planned quantity that yield and
 * scrap together may reach, per plant
 * @param defaultOverDeliveryTolerancePercent the share for plants not listed
 * @param plantZones the time zone of each plant, for the ERP's local dates and times
 * @param defaultZone the zone of plants not listed
 * @param idempotency how idempotency keys are kept
 */
@Validated
@ConfigurationProperties("millgate.production-orders")
public record ProductionOrderSettings(Map<String, BigDecimal> overDeliveryTolerancePercent,
		@DefaultValue("10") @DecimalMin("0") @DecimalMax("100") BigDecimal defaultOverDeliveryTolerancePercent,
		Map<String, ZoneId> plantZones, @DefaultValue("UTC") ZoneId defaultZone,
		@DefaultValue @Valid Idempotency idempotency) {

	public ProductionOrderSettings {
		overDeliveryTolerancePercent = (overDeliveryTolerancePercent != null) ? Map.copyOf(overDeliveryTolerancePercent)
				: Map.of();
		plantZones = (plantZones != null) ? Map.copyOf(plantZones) : Map.of();
	}

	/**
	 * The tolerance of a plant.
	 * @param plant the plant
	 * @return the percentage
	 */
	public BigDecimal toleranceOf(String plant) {
		return this.overDeliveryTolerancePercent.getOrDefault(plant, this.defaultOverDeliveryTolerancePercent);
	}

	/**
	 * The time zone of a plant.
	 * @param plant the plant
	 * @return the zone
	 */
	public ZoneId zoneOf(String plant) {
		return this.plantZones.getOrDefault(plant, this.defaultZone);
	}

	/**
	 * Idempotency keys of confirmations.
	 *
	 * @param timeToLive how long a key and its answer are kept
	 * @param inFlightFor how long a key counts as in flight when its first request never
	 * finished (a crashed instance), after which a repeat may proceed
	 * @param redis the Redis URL keys live at; empty keeps them in memory
	 * @param namespace keeps the keys, outbox and markers of one ERP apart in a shared
	 * Redis (a run of the simulated ERP); empty for none
	 * @param shared whether the keys must be shared by every instance
	 * ({@code MILLGATE_IDEMPOTENCY_SHARED}; the production overlay, whose service runs
	 * twice): then the service does not start without {@code redis}, since keys in one
	 * instance's memory would let a retry that reaches the other instance book twice
	 */
	public record Idempotency(@DefaultValue("24h") Duration timeToLive, @DefaultValue("2m") Duration inFlightFor,
			@DefaultValue("") String redis, @DefaultValue("") String namespace, @DefaultValue("false") boolean shared) {

		public Idempotency {
			if (shared && redis.isBlank()) {
				throw new IllegalArgumentException(
						"MILLGATE_REDIS_URL is required: the confirmations' idempotency keys "
								+ "must be shared by every instance (MILLGATE_IDEMPOTENCY_SHARED=true), or a retry that reaches "
								+ "another instance is booked twice");
			}
		}

	}

}
