package org.millgate.portal.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.EventProduct;
import org.millgate.contracts.catalog.EventTopic;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.portal.catalog.CatalogView;

/**
 * Partner webhooks: the shipment events of the catalog's {@code shipments} event product
 * (its latest version), read from Kafka and delivered to partners' endpoints; dead
 * letters reported on the {@code integration} product's topic.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	static final String PRODUCT = "shipments";

	@Bean
	WebhookStore webhookStore(JdbcClient jdbc) {
		return new WebhookStore(jdbc);
	}

	@Bean
	Webhooks webhooks(WebhookStore store, TransactionTemplate transactions, WebhookSettings settings,
			CatalogView catalog, Clock clock) {
		EventProduct product = catalog.eventProduct(PRODUCT).orElseThrow();
		ProductVersion version = latest(catalog, product);
		List<String> types = catalog.events(product, version)
			.messages()
			.stream()
			.map(CatalogView.EventMessage::type)
			.filter((type) -> !type.isBlank())
			.toList();
		return new Webhooks(store, transactions, settings, types, clock);
	}

	@Bean
	WebhooksEndpoint webhooksEndpoint(WebhookStore store, Webhooks webhooks) {
		return new WebhooksEndpoint(store, webhooks);
	}

	@Bean
	WebhookMetrics webhookMetrics(WebhookStore store, MeterRegistry meters, Clock clock,
			@Value("${millgate.portal.webhooks.metrics-interval:15s}") Duration interval) {
		return new WebhookMetrics(store, meters, clock, interval);
	}

	@Bean
	Delivering delivering(WebhookStore store, TransactionTemplate transactions, WebhookSettings settings,
			CatalogView catalog, ContractCatalog contracts, Clock clock) {
		EventProduct product = catalog.eventProduct(PRODUCT).orElseThrow();
		String topic = product.topic(latest(catalog, product).version());
		EventTopic integration = contracts.eventTopics("integration")
			.stream()
			.filter((candidate) -> candidate.name().endsWith(".v1"))
			.findFirst()
			.orElseThrow();
		return new Delivering(store, transactions, settings, topic, integration, clock);
	}

	private static ProductVersion latest(CatalogView catalog, EventProduct product) {
		List<ProductVersion> versions = catalog.visibleVersions(product);
		return versions.get(versions.size() - 1);
	}

	/**
	 * The intake and the dispatcher, started with the portal when webhooks are enabled
	 * and stopped before the database goes.
	 */
	static final class Delivering implements SmartLifecycle {

		private final WebhookStore store;

		private final TransactionTemplate transactions;

		private final WebhookSettings settings;

		private final String topic;

		private final EventTopic integrationTopic;

		private final Clock clock;

		private DeadLetters deadLetters;

		private EventIntake intake;

		private Thread intakeThread;

		private Dispatcher dispatcher;

		private volatile boolean running;

		Delivering(WebhookStore store, TransactionTemplate transactions, WebhookSettings settings, String topic,
				EventTopic integrationTopic, Clock clock) {
			this.store = store;
			this.transactions = transactions;
			this.settings = settings;
			this.topic = topic;
			this.integrationTopic = integrationTopic;
			this.clock = clock;
		}

		@Override
		public synchronized void start() {
			if (!this.settings.enabled() || this.running) {
				return;
			}
			this.deadLetters = new DeadLetters(this.settings.kafkaBootstrap(), this.integrationTopic);
			this.intake = new EventIntake(this.store, this.transactions, this.settings, this.topic, this.deadLetters,
					this.clock);
			this.intakeThread = new Thread(this.intake, "webhook-intake");
			this.intakeThread.setDaemon(true);
			this.intakeThread.start();
			this.dispatcher = new Dispatcher(this.store, this.transactions, this.settings, this.deadLetters,
					this.clock);
			this.dispatcher.start();
			this.running = true;
		}

		@Override
		public synchronized void stop() {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.dispatcher.stop();
			this.intake.stop();
			try {
				this.intakeThread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.deadLetters.close();
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

	}

}
