package org.millgate.erp.sap;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import org.millgate.erp.config.ErpProperties;
import org.millgate.erp.model.UnitTable;
import org.millgate.erp.port.Confirmations;
import org.millgate.erp.port.Deliveries;
import org.millgate.erp.port.ErpFailure;
import org.millgate.erp.port.MasterData;
import org.millgate.erp.port.Materials;
import org.millgate.erp.port.ProductionOrders;
import org.millgate.erp.port.Reservations;
import org.millgate.erp.port.GoodsMovements;
import org.millgate.erp.port.StockChanges;
import org.millgate.erp.port.StockLevels;
import org.millgate.erp.resilience.ConcurrencyLimiter;
import org.millgate.erp.resilience.ErpCalls;
import org.millgate.erp.resilience.SharedReads;

/**
 * The ports of an SAP S/4HANA system, built from configuration: one connection, one
 * circuit breaker and one bulkhead for all of them, since they all load the same ERP.
 */
public final class SapErpFacade {

	private final SapRelease release;

	private final SapHttp http;

	private final ErpCalls calls;

	private final ProductionOrders productionOrders;

	private final Confirmations confirmations;

	private final StockLevels stockLevels;

	private final Reservations reservations;

	private final Deliveries deliveries;

	private final Materials materials;

	private final StockChanges stockChanges;

	private final MasterData masterData;

	private final GoodsMovements goodsMovements;

	private SapErpFacade(ErpProperties properties, WebClient client, MeterRegistry meters, Clock clock,
			UnitTable unitTable) {
		this.release = SapRelease.of(properties.release());
		this.http = new SapHttp(client, properties.baseUrl(), properties.sapClient(), properties.sapLanguage(),
				credentials(properties, client, clock), properties.conflictCodes());
		this.calls = calls(properties, meters);
		SapUnits units = new SapUnits(properties.units(), unitTable);
		OrderMapping mapping = new OrderMapping(this.release, units);
		Duration stockTtl = properties.cache().stock();
		this.productionOrders = new SapProductionOrders(this.http, this.calls, this.release, mapping);
		this.confirmations = new SapConfirmations(this.http, this.calls, units);
		this.stockLevels = new SapStockLevels(this.http, this.calls, this.release, units,
				new SharedReads<>(stockTtl, clock), clock);
		this.reservations = new SapReservations(this.http, this.calls, mapping, new SharedReads<>(stockTtl, clock),
				clock);
		this.deliveries = new SapDeliveries(this.http, this.calls, units);
		this.stockChanges = new SapStockChanges(this.http, this.calls, units);
		this.goodsMovements = new SapGoodsMovements(this.http, this.calls, units);
		SapMasterData masterData = new SapMasterData(this.http, this.calls, units, properties.sapLanguage(),
				new SapMasterData.Settings(properties.cache().masterData(), clock));
		this.masterData = masterData;
		this.materials = new SapMaterials(this.http, this.calls, masterData,
				new SharedReads<>(properties.cache().masterData(), clock));
	}

	/**
	 * Builds the facade.
	 * @param properties where the ERP is and how to protect it
	 * @param builder a WebClient builder (Boot's, with its codecs and observation)
	 * @param meters where to publish metrics
	 * @param clock the clock
	 * @param units the platform's units table, whose decimals the facade refuses
	 * quantities by ({@link UnitTable#NONE} for a service that only reads)
	 * @return the facade
	 */
	public static SapErpFacade create(ErpProperties properties, WebClient.Builder builder, MeterRegistry meters,
			Clock clock, UnitTable units) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.timeouts().connect().toMillis());
		if (properties.authMode() == ErpProperties.Auth.Mode.MTLS
				&& !"https".equalsIgnoreCase(properties.baseUrl().getScheme())) {
			throw new IllegalStateException(
					"millgate.erp: auth.mode is mtls, which needs an https base-url, not " + properties.baseUrl());
		}
		// read once, here: a store that cannot be read stops the service at start
		SslContext tls = SapTls.context(properties.tls(), properties.authMode() == ErpProperties.Auth.Mode.MTLS);
		if (tls != null) {
			httpClient = httpClient.secure((spec) -> spec.sslContext(tls));
		}
		WebClient client = builder.clone()
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(32 * 1024 * 1024))
			.build();
		return new SapErpFacade(properties, client, meters, clock, units);
	}

	private static Credentials credentials(ErpProperties properties, WebClient client, Clock clock) {
		ErpProperties.Auth auth = properties.auth();
		return switch (properties.authMode()) {
			case OAUTH2 -> new ClientCredentials(client, auth.tokenUri(), auth.clientId(), auth.clientSecret(),
					auth.scope(), clock, properties.timeouts().connect().plus(properties.timeouts().read()));
			case MTLS -> Credentials.fixed("");
			case BASIC -> Credentials.fixed("Basic " + Base64.getEncoder()
				.encodeToString(auth.basicCredentials(properties.baseUrl()).getBytes(StandardCharsets.UTF_8)));
		};
	}

	private static ErpCalls calls(ErpProperties properties, MeterRegistry meters) {
		ErpProperties.CircuitBreaker breaker = properties.circuitBreaker();
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.failureRateThreshold(breaker.failureRateThreshold())
			.slidingWindowSize(breaker.slidingWindow())
			.minimumNumberOfCalls(breaker.minimumCalls())
			.waitDurationInOpenState(breaker.openFor())
			.permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			// Business refusals say nothing about the ERP's health.
			.ignoreExceptions(ErpFailure.NotFound.class, ErpFailure.Rejected.class, ErpFailure.Conflict.class)
			.build();
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
		CircuitBreaker circuitBreaker = registry.circuitBreaker("erp");
		ErpProperties.Bulkhead bulkhead = properties.bulkhead();
		ConcurrencyLimiter limiter = new ConcurrencyLimiter(bulkhead.maxConcurrentCalls(), bulkhead.maxQueued(),
				bulkhead.maxWait());
		Gauge.builder("millgate.erp.bulkhead.running", limiter, ConcurrencyLimiter::running)
			.description("ERP calls in flight")
			.register(meters);
		Gauge.builder("millgate.erp.bulkhead.queued", limiter, ConcurrencyLimiter::queued)
			.description("ERP calls waiting for a slot")
			.register(meters);
		ErpProperties.Retry retry = properties.retry();
		return new ErpCalls(circuitBreaker, limiter,
				new ErpCalls.Settings(properties.timeouts().read(), properties.timeouts().write(), retry.maxAttempts(),
						retry.initialBackoff(), retry.maxBackoff(), retry.jitter(), breaker.openFor()),
				meters);
	}

	/**
	 * Compares the ERP's {@code $metadata} with the configured release; blocks.
	 * @param timeout how long to wait per document
	 * @return how many services were checked and match (fewer when the ERP could not be
	 * reached)
	 * @throws IllegalStateException when they do not match or the ERP refuses the
	 * credentials
	 */
	public int verifyMetadata(Duration timeout) {
		return MetadataCheck.verify(this.http, this.release, timeout);
	}

	public ProductionOrders productionOrders() {
		return this.productionOrders;
	}

	public Confirmations confirmations() {
		return this.confirmations;
	}

	public StockLevels stockLevels() {
		return this.stockLevels;
	}

	public Reservations reservations() {
		return this.reservations;
	}

	public Deliveries deliveries() {
		return this.deliveries;
	}

	public Materials materials() {
		return this.materials;
	}

	public MasterData masterData() {
		return this.masterData;
	}

	public StockChanges stockChanges() {
		return this.stockChanges;
	}

	public GoodsMovements goodsMovements() {
		return this.goodsMovements;
	}

	/**
	 * The protection around every call, for metrics and tests.
	 * @return the calls
	 */
	public ErpCalls calls() {
		return this.calls;
	}

}
