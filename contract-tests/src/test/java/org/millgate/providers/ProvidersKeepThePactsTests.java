package org.millgate.providers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import au.com.dius.pact.provider.MessageAndMetadata;
import au.com.dius.pact.provider.PactVerifyProvider;
import au.com.dius.pact.provider.junit5.MessageTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import org.millgate.portal.webhooks.WebhookBodies;
import org.millgate.testing.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every product keeps every consumer's pact, on each ERP release the simulator offers:
 * the products run from their jars against the simulator playing that release, with real
 * tokens of the consumers' demo clients. The MES pact with production orders and the
 * MES's and WMS's pacts with master data are verified through the gateway too (Pact JVM;
 * the reference core verifies every pact through it), since authentication, headers and
 * throttling are part of what the consumers rely on.
 */
@Order(20)
class ProvidersKeepThePactsTests {

	// master data's provider states, verified against the service and through the
	// gateway:
	// seed data of every release
	static final String UNITS = "the ERP knows pieces and kilograms";

	static final String BOM = "FG-100 has a production bill of materials in plant 1000";

	static final String BATCHES = "plant 1000 keeps RM-200 in batches";

	static final String STORAGE_LOCATIONS = "plant 1000 has storage locations";

	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	abstract static class OnRelease {

		private Platform platform;

		/**
		 * The ERP release the simulator plays for this class's verifications.
		 * @return e.g. {@code 2020}
		 */
		abstract String release();

		@BeforeAll
		void start() {
			this.platform = Platform.start(release());
		}

		@AfterAll
		void stop() {
			this.platform.close();
		}

		Platform platform() {
			return this.platform;
		}

		/**
		 * Replays every interaction of the provider's pacts against one service.
		 */
		abstract class Verification {

			abstract String service();

			@BeforeEach
			void target(PactVerificationContext context) {
				context.setTarget(ProviderVerification.target(platform(), service()));
			}

			@TestTemplate
			@ExtendWith(PactVerificationInvocationContextProvider.class)
			void keepsThePact(PactVerificationContext context, HttpRequest request) {
				ProviderVerification.authorize(platform(), context, request);
				context.verifyInteraction();
			}

		}

		@Nested
		@Provider("production-orders")
		@PactFolder("pacts")
		@TestInstance(TestInstance.Lifecycle.PER_CLASS)
		class ProductionOrders extends Verification {

			@Override
			String service() {
				return "production-order-api";
			}

			@State("plant 1000 has released production orders")
			void releasedOrders() {
				// seed data
			}

			@State("production order 1000043 of plant 1000 is released")
			void released() {
				// seed data
			}

			@State("production order 1000043 was confirmed with key " + ProviderVerification.CONFIRMED_KEY)
			void confirmed() {
				ProviderVerification.confirmedWithKey(platform());
			}

		}

		@Nested
		@Provider("inventory")
		@PactFolder("pacts")
		@TestInstance(TestInstance.Lifecycle.PER_CLASS)
		class Inventory extends Verification {

			@Override
			String service() {
				return "inventory-api";
			}

			@State({ "plant 1000 stocks components HB-440 and RM-280",
					"plant 1000 stocks FG-100 in several storage locations" })
			void stock() {
				// seed data
			}

		}

		@Nested
		@Provider("shipments")
		@PactFolder("pacts")
		@TestInstance(TestInstance.Lifecycle.PER_CLASS)
		class Shipments extends Verification {

			@Override
			String service() {
				return "shipment-api";
			}

			@State({ "plant 1000 has shipments ready for shipment",
					"shipment 80000001 of plant 1000 is ready for shipment", "partner ACME has shipment 80000001",
					"shipment 80000002 belongs to partner BETA" })
			void shipments() {
				// seed data
			}

		}

		@Nested
		@Provider("reconciliation")
		@PactFolder("pacts")
		@TestInstance(TestInstance.Lifecycle.PER_CLASS)
		class Reconciliation extends Verification {

			@Override
			String service() {
				return "reconciliation-api";
			}

			@State({ "production order 1000043 of plant 1000 is released",
					"shipment 80000001 of plant 1000 is ready for shipment" })
			void seed() {
				// seed data
			}

		}

		@Nested
		@Provider("master-data")
		@PactFolder("pacts")
		@TestInstance(TestInstance.Lifecycle.PER_CLASS)
		class MasterData extends Verification {

			@Override
			String service() {
				return "master-data-api";
			}

			@State({ UNITS, BOM, BATCHES, STORAGE_LOCATIONS })
			void seed() {
				// seed data
			}

		}

		/**
		 * Checks every message of the event product's message pacts against the event its
		 * producer really published on this ERP release.
		 */
		abstract class MessageVerification {

			@BeforeEach
			void target(PactVerificationContext context) {
				context.setTarget(new MessageTestTarget());
			}

			@TestTemplate
			@ExtendWith(PactVerificationInvocationContextProvider.class)
			void keepsThePact(PactVerificationContext context) {
				context.verifyInteraction();
			}

		}

		@Nested
		@Provider("production-orders-events")
		@PactFolder("pacts/messages")
		@TestInstance(TestInstance.Lifecycle.PER_CLASS)
		class ProductionOrderEvents extends MessageVerification {

			@State("production order 1000043 of plant 1000 is released")
			void released() {
				// seed data; the change feed publishes the release
			}

			@PactVerifyProvider("the release of production order 1000043")
			MessageAndMetadata release() {
				return PublishedEvents.first(platform(), "millgate.production-orders.events.v1",
						"production-order/1000043/released"::equals);
			}

		}

		@Nested
		@Provider("inventory-events")
		@PactFolder("pacts/messages")
		@TestInstance(TestInstance.Lifecycle.PER_CLASS)
		class InventoryEvents extends MessageVerification {

			@State("batch FC260201 of FG-130 in plant 1000 was released from quality inspection")
			void qualityReleased() {
				// seed data: material document 4900000001
			}

			@PactVerifyProvider("the quality release of batch FC260201 of FG-130")
			MessageAndMetadata qualityRelease() {
				return PublishedEvents.first(platform(), "millgate.inventory.events.v1",
						"material-document/2026/4900000001/0001"::equals);
			}

		}

		@Nested
		@Provider("shipments-events")
		@PactFolder("pacts/messages")
		@TestInstance(TestInstance.Lifecycle.PER_CLASS)
		class ShipmentEvents extends MessageVerification {

			@State("shipment 80000001 of plant 1000 is ready for shipment")
			void ready() {
				// seed data; the change feed announces it
			}

			@PactVerifyProvider("shipment 80000001 ready for shipment")
			MessageAndMetadata shipmentReady() {
				return PublishedEvents.first(platform(), "millgate.shipments.events.v1",
						(id) -> id.startsWith("shipment/80000001/ready/"));
			}

		}

		/**
		 * The partner's webhook: the body the portal delivers (its own code, as it sends
		 * it) of the event the change feed really published on this ERP release.
		 */
		@Nested
		@Provider("shipments-webhooks")
		@PactFolder("pacts/messages")
		@TestInstance(TestInstance.Lifecycle.PER_CLASS)
		class ShipmentWebhooks extends MessageVerification {

			@State("shipment 80000001 to ACME is ready for shipment")
			void ready() {
				// seed data; the change feed announces it
			}

			@PactVerifyProvider("shipment 80000001 ready for shipment, as a webhook")
			MessageAndMetadata shipmentReady() {
				ConsumerRecord<String, String> record = PublishedEvents.firstRecord(platform(),
						"millgate.shipments.events.v1", (id) -> id.startsWith("shipment/80000001/ready/"));
				Map<String, Object> headers = new LinkedHashMap<>();
				headers.put("contentType", WebhookBodies.CONTENT_TYPE.split(";")[0]);
				headers.put("webhook-id",
						new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
				return new MessageAndMetadata(WebhookBodies.of(record).getBytes(StandardCharsets.UTF_8), headers);
			}

		}

	}

	@Nested
	class Release2022 extends OnRelease {

		@Override
		String release() {
			return "2022";
		}

		@Nested
		@Provider("production-orders")
		@PactFolder("pacts")
		@TestInstance(TestInstance.Lifecycle.PER_CLASS)
		class ProductionOrdersThroughTheGateway extends Verification {

			@Override
			String service() {
				return "gateway";
			}

			@State({ "plant 1000 has released production orders",
					"production order 1000043 of plant 1000 is released" })
			void seed() {
				// seed data
			}

			@State("production order 1000043 was confirmed with key " + ProviderVerification.CONFIRMED_KEY)
			void confirmed() {
				ProviderVerification.confirmedWithKey(platform());
			}

		}

		@Nested
		@Provider("master-data")
		@PactFolder("pacts")
		@TestInstance(TestInstance.Lifecycle.PER_CLASS)
		class MasterDataThroughTheGateway extends Verification {

			@Override
			String service() {
				return "gateway";
			}

			@State({ UNITS, BOM, BATCHES, STORAGE_LOCATIONS })
			void seed() {
				// seed data
			}

		}

		/**
		 * Every pact file, verified through the gateway by Pact's reference core as well:
		 * the Rust verifier that PactNet, pact-js, pact-python and pact-go use. A
		 * consumer team on another Pact implementation must get the same verdict as Pact
		 * JVM; a pact only Pact JVM accepts is not a contract.
		 */
		@Nested
		class TheReferenceCore {

			@Test
			void keepsEveryPactThroughTheGateway() throws IOException {
				String unavailable = ReferenceCore.unavailable();
				Assumptions.assumeTrue(unavailable == null, unavailable);
				List<String> states = new CopyOnWriteArrayList<>();
				HttpServer stateServer = ReferenceCore.stateServer(
						Map.of("production order 1000043 was confirmed with key " + ProviderVerification.CONFIRMED_KEY,
								() -> ProviderVerification.confirmedWithKey(platform())),
						states::add);
				try (Stream<Path> files = Files.list(Path.of("pacts"))) {
					List<Path> pacts = files.filter((file) -> file.toString().endsWith(".json")).sorted().toList();
					assertThat(pacts).hasSizeGreaterThanOrEqualTo(5);
					for (Path pact : pacts) {
						String consumer = new ObjectMapper().readTree(pact.toFile())
							.path("consumer")
							.path("name")
							.asText();
						ReferenceCore.Result result = ReferenceCore.verify(pact, platform().url("gateway"),
								"http://127.0.0.1:" + stateServer.getAddress().getPort() + "/provider-states",
								platform().token(ProviderVerification.CLIENTS.get(consumer)));
						assertThat(result.kept()).as("the reference core on %s:%n%s", pact, result.output()).isTrue();
						assertThat(result.output()).contains("REFERENCE CORE VERIFIED");
					}
				}
				finally {
					stateServer.stop(0);
				}
				assertThat(states).as("provider states the reference core asked for")
					.contains("production order 1000043 was confirmed with key " + ProviderVerification.CONFIRMED_KEY);
			}

			@Test
			void failsAPactTheProviderDoesNotKeepNamingTheInteraction(@TempDir Path dir) throws IOException {
				String unavailable = ReferenceCore.unavailable();
				Assumptions.assumeTrue(unavailable == null, unavailable);
				Path tampered = dir.resolve("mes-production-orders.json");
				String pact = Files.readString(Path.of("pacts/mes-production-orders.json"));
				Files.writeString(tampered, pact.replace("\"planned\":", "\"plannedTotal\":"));
				assertThat(tampered).content().isNotEqualTo(pact);
				HttpServer stateServer = ReferenceCore.stateServer(
						Map.of("production order 1000043 was confirmed with key " + ProviderVerification.CONFIRMED_KEY,
								() -> ProviderVerification.confirmedWithKey(platform())),
						(state) -> {
						});
				try {
					ReferenceCore.Result result = ReferenceCore.verify(tampered, platform().url("gateway"),
							"http://127.0.0.1:" + stateServer.getAddress().getPort() + "/provider-states",
							platform().token("mes-plant-1000"));

					assertThat(result.kept()).as(result.output()).isFalse();
					assertThat(result.output()).contains("REFERENCE CORE FAILED", "plannedTotal");
				}
				finally {
					stateServer.stop(0);
				}
			}

		}

		/**
		 * The verification is not a formality: a provider response that drops a field the
		 * MES relies on fails it, and the failure names the consumer interaction.
		 */
		@Nested
		class ABrokenProviderResponse {

			@Test
			void failsTheVerificationNamingTheConsumerInteraction() {
				// the control: through the proxy unchanged, the interaction is kept
				Events kept = verifyThrough((body) -> body);
				assertThat(kept.started().count()).isEqualTo(1);
				assertThat(kept.succeeded().count()).isEqualTo(1);

				Events broken = verifyThrough((body) -> body.replaceFirst("\"planned\":", "\"plannedTotal\":"));
				assertThat(broken.started().count()).isEqualTo(1);
				assertThat(broken.failed().stream()).singleElement().satisfies((failed) -> {
					assertThat(failed.getTestDescriptor().getDisplayName())
						.contains("production order 1000043 with its operations and components");
					assertThat(failed.getPayload(TestExecutionResult.class)
						.flatMap(TestExecutionResult::getThrowable)
						.map(Throwable::getMessage)
						.orElse("")).contains("quantities", "planned");
				});
			}

			private Events verifyThrough(UnaryOperator<String> tamper) {
				HttpServer proxy = TamperedProvider.proxy(platform().port("production-order-api"), tamper);
				try {
					TamperedProvider.port = proxy.getAddress().getPort();
					TamperedProvider.token = platform().token("mes-plant-1000");
					return EngineTestKit.engine("junit-jupiter")
						.selectors(DiscoverySelectors.selectClass(TamperedProvider.class))
						.execute()
						.testEvents();
				}
				finally {
					proxy.stop(0);
				}
			}

		}

	}

	@Nested
	class Release2020 extends OnRelease {

		@Override
		String release() {
			return "2020";
		}

	}

	@Nested
	class Release2023 extends OnRelease {

		@Override
		String release() {
			return "2023";
		}

	}

}
