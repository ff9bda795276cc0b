package org.millgate.orders;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import org.millgate.erp.port.Confirmations;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.ProductionOrders;
import org.millgate.orders.application.ConfirmOrder;
import org.millgate.orders.application.OrderQueries;
import org.millgate.orders.application.ReleaseOrder;
import org.millgate.orders.idempotency.IdempotencyStore;
import org.millgate.orders.idempotency.InMemoryIdempotencyStore;
import org.millgate.orders.idempotency.RedisIdempotencyStore;
import org.millgate.orders.web.Representations;
import org.millgate.product.web.events.EventOutbox;

/**
 * Wires the product: the use cases over the ERP ports and idempotency keys. Security,
 * problems, cursors, the contract check and the contract route come from the product-web
 * starter.
 */
@Configuration(proxyBeanMethods = false)
class ProductionOrderConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ProductionOrderConfiguration.class);

	@Bean
	OrderQueries orderQueries(ProductionOrders orders, Confirmations confirmations, Materials materials) {
		return new OrderQueries(orders, confirmations, materials);
	}

	@Bean
	ReleaseOrder releaseOrder(OrderQueries queries, ProductionOrders orders, Clock clock) {
		return new ReleaseOrder(queries, orders, clock);
	}

	@Bean
	ConfirmOrder confirmOrder(OrderQueries queries, Confirmations confirmations, Materials materials,
			ProductionOrderSettings settings) {
		return new ConfirmOrder(queries, confirmations, materials, settings::toleranceOf, settings::zoneOf);
	}

	@Bean
	Representations representations(ProductionOrderSettings settings) {
		return new Representations(settings::zoneOf, settings::toleranceOf);
	}

	// Redis when MILLGATE_REDIS_URL is set, memory otherwise.
	@Bean
	IdempotencyStore idempotencyStore(ObjectProvider<ReactiveStringRedisTemplate> redis,
			ProductionOrderSettings settings, Clock clock) {
		ProductionOrderSettings.Idempotency idempotency = settings.idempotency();
		IdempotencyStore store = idempotency.redis().isBlank()
				? new InMemoryIdempotencyStore(idempotency.timeToLive(), idempotency.inFlightFor(), clock)
				: RedisIdempotencyStore.inNamespace(redis.getObject(), idempotency.timeToLive(),
						idempotency.inFlightFor(), idempotency.namespace(),
						RedisTopologyConfiguration.isCluster(idempotency.redis()));
		logger.info("Idempotency keys are kept in {} for {}, with the outbox of the confirmations' events",
				store.kind(), idempotency.timeToLive());
		return store;
	}

	/**
	 * The events of the bookings wait here, written with the bookings' answers, until
	 * product-web's relay delivers them to Kafka.
	 * @param store the idempotency store
	 * @return its outbox
	 */
	@Bean
	EventOutbox eventOutbox(IdempotencyStore store) {
		return store.outbox();
	}

}
