package org.millgate.changefeed;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.millgate.changefeed.feed.ChangeFeed;
import org.millgate.changefeed.feed.ErpBudget;
import org.millgate.changefeed.feed.Source;
import org.millgate.changefeed.sources.ConfirmationChanges;
import org.millgate.changefeed.sources.MovementChanges;
import org.millgate.changefeed.sources.OrderChanges;
import org.millgate.changefeed.sources.ReversalChanges;
import org.millgate.changefeed.sources.ShipmentChanges;
import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.EventProduct;
import org.millgate.contracts.catalog.EventTopic;
import org.millgate.erp.port.Confirmations;
import org.millgate.erp.port.Deliveries;
import org.millgate.erp.port.GoodsMovements;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.ProductionOrders;
import org.millgate.erp.port.StockChanges;
import org.millgate.erp.port.StockLevels;
import org.millgate.erp.shipping.ShipmentTracker;
import org.millgate.erp.shipping.ShippingPoints;

/**
 * The feed, its sources and its health.
 */
@Configuration(proxyBeanMethods = false)
class ChangeFeedConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ChangeFeedConfiguration.class);

	// the major version the feed publishes of each product: the newest in the catalog
	private static String newest(EventProduct product) {
		return product.versions().get(product.versions().size() - 1).version();
	}

	@Bean
	ChangeFeed changeFeed(ChangeFeedSettings settings, Erp erp, MeterRegistry meters) {
		return feed(settings, erp, meters, Clock.systemUTC());
	}

	@Bean
	Erp changeFeedErp(ProductionOrders orders, Confirmations confirmations, GoodsMovements movements,
			Deliveries deliveries, StockLevels stock, StockChanges stockChanges, Materials materials) {
		return new Erp(orders, confirmations, movements, deliveries, stock, stockChanges, materials);
	}

	/**
	 * A feed of the settings' plants over the ERP's orders and material documents.
	 * @param settings the settings
	 * @param erp the ERP's ports the feed reads
	 * @param meters where its metrics go
	 * @param clock the clock
	 * @return the feed, not started
	 */
	static ChangeFeed feed(ChangeFeedSettings settings, Erp erp, MeterRegistry meters, Clock clock) {
		ContractCatalog catalog = ContractCatalog.load();
		EventProduct productionOrders = catalog.eventProduct("production-orders").orElseThrow();
		EventProduct inventory = catalog.eventProduct("inventory").orElseThrow();
		EventProduct shipments = catalog.eventProduct("shipments").orElseThrow();
		String shipmentsVersion = newest(shipments);
		ShippingPoints shippingPoints = new ShippingPoints(settings.shippingPointPlants());
		String ordersVersion = newest(productionOrders);
		String inventoryVersion = newest(inventory);
		OrderChanges orderChanges = new OrderChanges(erp.orders(), settings.plants(), settings.pageSize(),
				settings.settle(), settings.start(), settings::zoneOf, productionOrders.topic(ordersVersion),
				ordersVersion);
		// in this order: a confirmation after its order's release, a reversal after the
		// confirmation
		List<Source> sources = List.of(orderChanges,
				new ConfirmationChanges(erp.confirmations(), erp.orders(), orderChanges, settings.apiUsers(),
						settings.plants(), settings.pageSize(), settings.settle(), settings.start(), settings::zoneOf,
						productionOrders.topic(ordersVersion), ordersVersion),
				new ReversalChanges(erp.confirmations(), settings.plants(), settings.pageSize(), settings.settle(),
						settings.start(), productionOrders.topic(ordersVersion), ordersVersion),
				new MovementChanges(erp.movements(), settings.plants(), settings.pageSize(), settings.settle(),
						settings.erpZone(), settings::zoneOf, inventory.topic(inventoryVersion), inventoryVersion),
				new ShipmentChanges(erp.deliveries(), erp.stockChanges(),
						new ShipmentTracker(erp.stock(), erp.stockChanges(), erp.materials(), shippingPoints),
						shippingPoints, settings.plants(), settings.pageSize(), settings.start(), settings::zoneOf,
						shipments.topic(shipmentsVersion), shipmentsVersion));
		List<NewTopic> topics = new ArrayList<>();
		for (String product : List.of("production-orders", "inventory", "shipments")) {
			for (EventTopic topic : catalog.eventTopics(product)) {
				topics.add(new NewTopic(topic.name(), topic.partitions(), (short) -1).configs(topic.configs()));
			}
		}
		// one partition: the feed reads its state back in the order it wrote it
		topics.add(new NewTopic(settings.stateTopic(), 1, (short) -1)
			.configs(Map.of("cleanup.policy", "compact", "retention.ms", "-1")));
		topics.add(new NewTopic(settings.watermarkTopic(), 1, (short) -1).configs(Map.of("cleanup.policy", "compact")));
		logger
			.info("The change feed publishes the changes of plants {} to {}, {} and {}, at most {} ERP calls a minute; "
					+ "the confirmations of ERP users {} are the Production Orders API's, published from its outbox",
					settings.plants().stream().sorted().toList(), productionOrders.topic(ordersVersion),
					inventory.topic(inventoryVersion), shipments.topic(shipmentsVersion), settings.erpCallsPerMinute(),
					settings.apiUsers().stream().sorted().toList());
		return new ChangeFeed(sources, topics,
				new ChangeFeed.Settings(settings.kafkaBootstrap(), settings.transactionalId(), settings.stateTopic(),
						settings.watermarkTopic(), settings.interval(), settings.kafka()),
				new ErpBudget(settings.erpCallsPerMinute()), meters, clock);
	}

	/**
	 * The ERP's ports the feed reads.
	 *
	 * @param orders production orders
	 * @param confirmations confirmations (their reversals)
	 * @param movements material documents
	 * @param deliveries outbound deliveries
	 * @param stock stock levels (a shipment's quality release)
	 * @param stockChanges quality decisions
	 * @param materials material master (batch management)
	 */
	record Erp(ProductionOrders orders, Confirmations confirmations, GoodsMovements movements, Deliveries deliveries,
			StockLevels stock, StockChanges stockChanges, Materials materials) {

	}

	// UP while the feed can publish or is waiting for Kafka or the ERP to return (the
	// details say why); DOWN once another feed took over
	@Bean
	HealthIndicator changeFeedHealthIndicator(ChangeFeed feed) {
		return () -> {
			ChangeFeed.Status status = feed.status();
			Health.Builder health = status.fenced() ? Health.down() : Health.up();
			health.withDetail("publishing", status.ready() && status.failure() == null);
			if (status.fenced()) {
				health.withDetail("fenced", "another change feed with the same transactional id took over");
			}
			if (status.failure() != null) {
				health.withDetail("failure", status.failure());
				health.withDetail("failingSince", status.failingSince().toString());
			}
			health.withDetail("erpCallsPerMinute", status.erpCallsPerMinute());
			health.withDetail("erpCallsLastMinute", status.erpCallsLastMinute());
			health.withDetail("sources", status.sources());
			return health.build();
		};
	}

}
