package org.millgate.reconciliation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.millgate.contracts.catalog.ContractCatalog;
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
import org.millgate.product.web.events.EventOutbox;
import org.millgate.reconciliation.reconcile.ErpBudget;
import org.millgate.reconciliation.reconcile.Lineage;
import org.millgate.reconciliation.reconcile.MismatchKind;
import org.millgate.reconciliation.reconcile.Mismatches;
import org.millgate.reconciliation.reconcile.ReconciliationStore;
import org.millgate.reconciliation.reconcile.Reports;
import org.millgate.reconciliation.reconcile.Runs;
import org.millgate.reconciliation.reconcile.Tolerances;
import org.millgate.reconciliation.store.JdbcOutbox;
import org.millgate.reconciliation.store.JdbcReconciliationStore;
import org.millgate.reconciliation.store.EventLedger;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the product: the store, the runs and their worker, the reports, the mismatches
 * and their events, and the reader of the confirmations posted through the platform.
 * Security, problems, cursors, the contract check, the contract route and the event relay
 * come from the product-web starter.
 */
@Configuration(proxyBeanMethods = false)
class ReconciliationConfiguration {

	@Bean
	JdbcReconciliationStore reconciliationStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
		return new JdbcReconciliationStore(jdbc, transactions);
	}

	@Bean
	EventOutbox reconciliationOutbox(JdbcTemplate jdbc) {
		return new JdbcOutbox(JdbcClient.create(jdbc), Duration.ofSeconds(30), Clock.systemUTC());
	}

	@Bean
	Scheduler reconciliationBlocking() {
		return Schedulers.boundedElastic();
	}

	@Bean
	ShipmentTracker reconciliationShipmentTracker(StockLevels stock, StockChanges stockChanges, Materials materials,
			ReconciliationSettings settings) {
		return new ShipmentTracker(stock, stockChanges, materials, new ShippingPoints(settings.shippingPointPlants()));
	}

	@Bean
	Mismatches mismatches(ReconciliationStore store) {
		ContractCatalog catalog = ContractCatalog.load();
		String topic = catalog.eventTopics("integration").get(0).name();
		return new Mismatches(store, catalog, topic, Clock.systemUTC());
	}

	@Bean
	Runs runs(ReconciliationStore store, Mismatches mismatches, Confirmations confirmations, StockLevels stock,
			GoodsMovements movements, Materials materials, Deliveries deliveries, ShipmentTracker tracker,
			ReconciliationSettings settings) {
		Map<String, Runs.Schedule> schedule = new LinkedHashMap<>();
		settings.schedule()
			.forEach((plant, plan) -> schedule.put(plant, new Runs.Schedule(plan.areas(), plan.every())));
		return new Runs(store, mismatches,
				new Runs.Erp(confirmations, stock, movements, materials, deliveries, tracker),
				new ErpBudget(settings.erpCallsPerMinute()), new Tolerances(settings.tolerancePercent()),
				settings.erpZone(), schedule, Clock.systemUTC());
	}

	@Bean
	Reports reports(ReconciliationStore store, Materials materials, Deliveries deliveries, ShipmentTracker tracker,
			Scheduler reconciliationBlocking) {
		return new Reports(store, materials, deliveries, tracker, reconciliationBlocking, Clock.systemUTC());
	}

	@Bean
	EventLedger eventLedger(ReconciliationStore store, ReconciliationSettings settings, Environment environment) {
		ContractCatalog catalog = ContractCatalog.load();
		List<String> topics = new ArrayList<>();
		for (String product : List.of("production-orders", "inventory", "shipments", "integration")) {
			catalog.eventTopics(product).stream().map(EventTopic::name).forEach(topics::add);
		}
		Map<String, String> client = Binder.get(environment)
			.bind("spring.kafka.properties", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of());
		String bootstrap = environment.getProperty("spring.kafka.bootstrap-servers", settings.kafkaBootstrap());
		return new EventLedger(store, bootstrap, topics, settings.consumerGroup(), client);
	}

	@Bean
	Lineage lineage(ProductionOrders orders, Confirmations confirmations, GoodsMovements movements,
			Deliveries deliveries, ShipmentTracker tracker, ReconciliationStore store, ReconciliationSettings settings,
			Scheduler reconciliationBlocking) {
		return new Lineage(new Lineage.Erp(orders, confirmations, movements, deliveries, tracker),
				new ShippingPoints(settings.shippingPointPlants()), store, settings.lateAfter(), settings.erpZone(),
				reconciliationBlocking, Clock.systemUTC());
	}

	// the worker, the reader of the posted confirmations and the forgetting of old keys
	// run while the service does
	@Bean
	SmartLifecycle reconciliationLifecycle(Runs runs, EventLedger ledger, ReconciliationStore store,
			ReconciliationSettings settings) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				ledger.start();
				if (settings.worker()) {
					runs.startWorker();
				}
				Instant now = Clock.systemUTC().instant();
				store.forgetKeys(now.minus(Duration.ofHours(24)));
				store.forgetEvents(now.minus(settings.keepEvents()));
				this.running = true;
			}

			@Override
			public void stop() {
				runs.close();
				ledger.close();
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

		};
	}

	// the open mismatches per plant and kind, for the operations dashboard and alerts:
	// counted in the background every 15 s, never on the scrape's (event loop) thread
	@Bean(destroyMethod = "close")
	OpenMismatchCounts openMismatchesMetric(ReconciliationStore store, MeterRegistry registry,
			ReconciliationSettings settings) {
		OpenMismatchCounts counts = new OpenMismatchCounts(store);
		Set<String> plants = new TreeSet<>(settings.schedule().keySet());
		plants.addAll(settings.tolerancePercent().keySet());
		for (String plant : plants) {
			for (MismatchKind kind : MismatchKind.values()) {
				Gauge.builder("millgate.reconciliation.open.mismatches", counts, (c) -> c.of(plant, kind))
					.description("Mismatches open or acknowledged")
					.tag("plant", plant)
					.tag("kind", kind.name())
					.register(registry);
			}
		}
		return counts;
	}

	static final class OpenMismatchCounts implements AutoCloseable {

		private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "reconciliation-open-mismatches");
			thread.setDaemon(true);
			return thread;
		});

		private volatile Map<String, Map<MismatchKind, Integer>> counts;

		OpenMismatchCounts(ReconciliationStore store) {
			this.refresher.scheduleWithFixedDelay(() -> {
				try {
					this.counts = store.openCounts();
				}
				catch (RuntimeException ex) {
					this.counts = null;
				}
			}, 0, 15, TimeUnit.SECONDS);
		}

		double of(String plant, MismatchKind kind) {
			Map<String, Map<MismatchKind, Integer>> current = this.counts;
			return (current != null) ? current.getOrDefault(plant, Map.of()).getOrDefault(kind, 0) : Double.NaN;
		}

		@Override
		public void close() {
			this.refresher.shutdownNow();
		}

	}

}
