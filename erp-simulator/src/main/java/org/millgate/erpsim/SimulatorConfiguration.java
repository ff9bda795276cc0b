package org.millgate.erpsim;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import org.millgate.erpsim.data.ConfirmationWrites;
import org.millgate.erpsim.data.ErpData;
import org.millgate.erpsim.data.MaterialDocumentWrites;
import org.millgate.erpsim.data.OrderWrites;
import org.millgate.erpsim.data.SeedData;
import org.millgate.erpsim.faults.CallStatistics;
import org.millgate.erpsim.faults.FaultFilter;
import org.millgate.erpsim.faults.Faults;
import org.millgate.erpsim.release.ErpRelease;
import org.millgate.erpsim.service.ODataService;
import org.millgate.erpsim.web.AuthMode;
import org.millgate.erpsim.web.BearerTokens;
import org.millgate.erpsim.web.ControlHandler;
import org.millgate.erpsim.web.CsrfTokens;
import org.millgate.erpsim.web.ODataHandler;
import org.millgate.erpsim.web.ODataWrites;
import org.millgate.erpsim.web.SecurityFilter;
import org.millgate.erpsim.web.ServiceRegistry;

/**
 * Wires the simulator: the release's services, the seeded data, the protocol handler,
 * security, faults and the control surface.
 */
@Configuration(proxyBeanMethods = false)
class SimulatorConfiguration {

	@Bean
	ErpRelease erpRelease(SimulatorProperties properties) {
		return ErpRelease.of(properties.release());
	}

	@Bean
	ServiceRegistry serviceRegistry(ErpRelease release) {
		return new ServiceRegistry(release.services());
	}

	@Bean
	ErpData erpData(SimulatorProperties properties) {
		return SeedData.generate(properties.seed().scale());
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	Faults faults() {
		return new Faults();
	}

	@Bean
	CallStatistics callStatistics() {
		return new CallStatistics();
	}

	@Bean
	CsrfTokens csrfTokens() {
		return new CsrfTokens();
	}

	@Bean
	ODataHandler odataHandler(ServiceRegistry registry, ErpData data, Clock clock, SimulatorProperties properties) {
		ODataWrites writes = new ODataWrites(new OrderWrites(data, clock), new ConfirmationWrites(data, clock),
				new MaterialDocumentWrites(data, clock));
		return new ODataHandler(registry, data, properties.pageSize(), properties.sapClient(), writes);
	}

	@Bean
	RouterFunction<ServerResponse> odataRoutes(ODataHandler handler) {
		return RouterFunctions.route(RequestPredicates.path("/sap/**"), handler::handle);
	}

	@Bean
	RouterFunction<ServerResponse> controlRoutes(ErpRelease release, ServiceRegistry registry, Faults faults,
			CallStatistics statistics, CsrfTokens tokens, BearerTokens bearerTokens, ErpData data,
			SimulatorProperties properties) {
		// A pristine copy, generated once: a reset restores it in milliseconds.
		return new ControlHandler(release, registry, faults, statistics, tokens, bearerTokens, data,
				SeedData.generate(properties.seed().scale()))
			.routes();
	}

	@Bean
	FaultFilter faultFilter(Faults faults, CallStatistics statistics, ServiceRegistry registry) {
		return new FaultFilter(faults, statistics, serviceIds(registry));
	}

	@Bean
	BearerTokens bearerTokens(SimulatorProperties properties, Clock clock, CallStatistics statistics) {
		return new BearerTokens(properties.user(), properties.password(), clock, statistics);
	}

	@Bean
	RouterFunction<ServerResponse> tokenRoutes(BearerTokens tokens) {
		return tokens.routes();
	}

	@Bean
	SecurityFilter securityFilter(SimulatorProperties properties, CsrfTokens tokens, CallStatistics statistics,
			ServiceRegistry registry, BearerTokens bearerTokens, Environment environment) {
		if (properties.auth() == AuthMode.MTLS
				&& !"need".equalsIgnoreCase(environment.getProperty("server.ssl.client-auth", ""))) {
			throw new IllegalStateException("erp.auth=mtls needs HTTPS that demands a client certificate: set "
					+ "server.ssl.key-store (the server's certificate), server.ssl.trust-store (the clients' "
					+ "certificates or their authority) and server.ssl.client-auth=need");
		}
		if (properties.clerk().equals(properties.user())) {
			throw new IllegalStateException("erp.clerk and erp.user are both '" + properties.user()
					+ "': the clerk is a person working in the ERP itself, give them a name of their own");
		}
		Map<String, String> users = new LinkedHashMap<>();
		users.put(properties.clerk(), properties.clerkPassword());
		users.put(properties.user(), properties.password());
		return new SecurityFilter(properties.auth(), users, properties.sapClient(), tokens, statistics,
				serviceIds(registry), bearerTokens);
	}

	// One line an operator can read: which ERP this is and where its services are.
	@Bean
	ApplicationRunner announce(ErpRelease release, ServiceRegistry registry, ErpData data,
			SimulatorProperties properties) {
		return (arguments) -> LoggerFactory.getLogger(ErpSimulatorApplication.class)
			.info("Simulating SAP S/4HANA {} (sap-client {}, seed scale {}: {} production orders, {} deliveries); "
					+ "logon {}; services: {}", release.id(), properties.sapClient(), properties.seed().scale(),
					data.table("ProductionOrder").rows().size(), data.table("DeliveryHeader").rows().size(),
					properties.auth().name().toLowerCase(Locale.ROOT),
					registry.all().stream().map(ODataService::path).sorted().toList());
	}

	private static Function<String, Optional<String>> serviceIds(ServiceRegistry registry) {
		return (path) -> registry.find(path).map(ODataService::id);
	}

}
