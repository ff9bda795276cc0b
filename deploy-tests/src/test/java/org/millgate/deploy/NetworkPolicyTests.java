package org.millgate.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.millgate.deploy.NetworkFlows.Pod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NetworkPolicies allow exactly the platform's flows, evaluated from their selectors
 * ({@link NetworkFlows}) over the pods the overlay runs: anyone reaches the gateway, the
 * portal and (demo) identity; only the gateway reaches the products; only the products
 * and the change feed reach the ERP (demo: the simulator's pods; production: the ERP's
 * network); the products, the change feed and the portal reach Kafka (demo); nobody
 * reaches the change feed.
 */
class NetworkPolicyTests {

	private static final String OUTSIDE = "outside";

	/** An address outside the cluster (TEST-NET-3), not in any ERP network. */
	private static final String OUTSIDE_ADDRESS = "203.0.113.7";

	private static final Set<String> PRODUCTS = Set.of("production-order-api", "inventory-api", "shipment-api",
			"reconciliation-api", "master-data-api");

	@ParameterizedTest
	@EnumSource(Overlay.class)
	void should_allow_exactly_the_platform_s_flows_into_each_pod(Overlay overlay) {
		// given
		NetworkFlows flows = new NetworkFlows(RenderedOverlays.of(overlay));
		List<Pod> pods = flows.pods();
		Set<String> everyone = new TreeSet<>(pods.stream().map(Pod::name).toList());
		everyone.add(OUTSIDE);

		// when
		List<String> allowed = new ArrayList<>();
		for (Pod destination : pods) {
			for (Map.Entry<String, Integer> port : destination.ports().entrySet()) {
				Set<String> sources = new TreeSet<>();
				if (flows.allowsFromOutside(OUTSIDE_ADDRESS, destination, port.getValue())) {
					sources.add(OUTSIDE);
				}
				for (Pod source : pods) {
					if (source != destination && flows.allows(source, destination, port.getValue())) {
						sources.add(source.name());
					}
				}
				sources.remove(destination.name());
				allowed.add(destination.name() + ":" + port.getKey() + " <- " + sources);
			}
		}

		// then
		List<String> expected = new ArrayList<>();
		for (Pod destination : pods) {
			Set<String> others = new TreeSet<>(everyone);
			others.remove(destination.name());
			String name = destination.name();
			if (name.equals("gateway") || name.equals("developer-portal") || name.equals("identity")) {
				expected.add(name + ":http <- " + others);
			}
			else if (PRODUCTS.contains(name)) {
				expected.add(name + ":http <- [gateway]");
			}
			else if (name.equals("erp-simulator")) {
				Set<String> erpClients = new TreeSet<>(PRODUCTS);
				erpClients.add("change-feed");
				expected.add(name + ":http <- " + erpClients);
			}
			else if (name.equals("event-broker")) {
				Set<String> kafkaClients = new TreeSet<>(PRODUCTS);
				kafkaClients.addAll(List.of("change-feed", "developer-portal"));
				expected.add(name + ":kafka <- " + kafkaClients);
				expected.add(name + ":http <- [developer-portal]");
			}
			else if (name.equals("change-feed")) {
				expected.add(name + ":http <- []");
			}
			else {
				expected.add(name + ": a pod the tests do not know");
			}
		}
		assertThat(allowed).containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void should_let_only_the_products_and_the_change_feed_reach_the_erp_s_network_in_production() {
		// given
		Rendered rendered = RenderedOverlays.of(Overlay.PRODUCTION);
		String erpNetwork = rendered.configMap("millgate-config")
			.map(ConfigMap::getData)
			.map((data) -> data.get("ERP_CIDR"))
			.orElseThrow(() -> new AssertionError("no ERP_CIDR in the production settings"));
		String erp = NetworkFlows.firstAddress(erpNetwork);
		NetworkFlows flows = new NetworkFlows(rendered);

		// when
		Set<String> reachErp = new TreeSet<>();
		Set<String> reachOutside = new TreeSet<>();
		for (Pod pod : flows.pods()) {
			if (flows.allowsToOutside(pod, erp, 443) && flows.allowsToOutside(pod, erp, 44300)) {
				reachErp.add(pod.name());
			}
			if (flows.allowsToOutside(pod, OUTSIDE_ADDRESS, 443)) {
				reachOutside.add(pod.name());
			}
		}

		// then: the ERP for them alone; the IdP, Kafka, Redis, PostgreSQL and webhook
		// endpoints outside stay reachable for everyone
		Set<String> erpClients = new TreeSet<>(PRODUCTS);
		erpClients.add("change-feed");
		assertThat(reachErp).as("pods that reach the ERP at " + erp).isEqualTo(erpClients);
		assertThat(reachOutside).as("pods that reach " + OUTSIDE_ADDRESS)
			.containsExactlyInAnyOrderElementsOf(flows.pods().stream().map(Pod::name).toList());
	}

	@Test
	void should_evaluate_address_blocks_as_kubernetes_does() {
		// given / when / then: the evaluator itself, on the cases the policies rely on
		assertThat(NetworkFlows.inCidr("192.0.2.0/24", "192.0.2.1")).isTrue();
		assertThat(NetworkFlows.inCidr("192.0.2.0/24", "192.0.3.1")).isFalse();
		assertThat(NetworkFlows.inCidr("0.0.0.0/0", "203.0.113.7")).isTrue();
		assertThat(NetworkFlows.firstAddress("10.20.0.0/16")).isEqualTo("10.20.0.1");
	}

}
