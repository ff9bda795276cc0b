package org.millgate.reconciliation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.millgate.reconciliation.reconcile.Area;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The reconciliation's own settings, bound under {@code millgate.reconciliation}.
 *
 * @param erpCallsPerMinute the ERP calls all runs of this instance may make per minute
 * together
 * @param erpZone the ERP system's time zone, in which it keeps when a material document
 * was entered
 * @param kafkaBootstrap the Kafka bootstrap servers of the platform's event streams
 * @param consumerGroup the consumer group reading the confirmations posted through the
 * platform
 * @param schedule the runs per plant on a schedule; a plant not listed is reconciled on
 * demand only
 * @param tolerancePercent how far quantities may differ per plant and still be equal, in
 * percent of the larger one
 * @param shippingPointPlants the plant of each shipping point, as the Shipments API has
 * it
 * @param worker whether this instance carries out runs (false: it only queues them)
 * @param lateAfter how long an event may take to reach the event streams after the ERP
 * booked it before the lineage of its order calls it late
 * @param keepEvents how long the events about orders and shipments are kept for the
 * lineage
 */
@Validated
@ConfigurationProperties("millgate.reconciliation")
public record ReconciliationSettings(@DefaultValue("600") @Min(1) int erpCallsPerMinute,
		@DefaultValue("UTC") ZoneId erpZone, @DefaultValue("127.0.0.1:9092") @NotBlank String kafkaBootstrap,
		@DefaultValue("millgate-reconciliation") @NotBlank String consumerGroup, Map<String, PlantSchedule> schedule,
		Map<String, BigDecimal> tolerancePercent, Map<String, String> shippingPointPlants,
		@DefaultValue("true") boolean worker, @DefaultValue("5m") Duration lateAfter,
		@DefaultValue("30d") Duration keepEvents) {

	public ReconciliationSettings {
		schedule = (schedule != null) ? Map.copyOf(schedule) : Map.of();
		tolerancePercent = (tolerancePercent != null) ? Map.copyOf(tolerancePercent) : Map.of();
		shippingPointPlants = (shippingPointPlants != null) ? Map.copyOf(shippingPointPlants) : Map.of();
	}

	/**
	 * The runs of one plant on a schedule.
	 *
	 * @param areas the areas reconciled
	 * @param every how often
	 */
	public record PlantSchedule(Set<Area> areas, @DefaultValue("6h") Duration every) {

		public PlantSchedule {
			areas = (areas != null) ? Set.copyOf(areas) : Set.of();
		}

	}

}
