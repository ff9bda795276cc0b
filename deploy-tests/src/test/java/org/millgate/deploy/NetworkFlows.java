package org.millgate.deploy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Which connections an overlay's NetworkPolicies allow, evaluated as Kubernetes defines
 * them: a pod selected by no policy of a direction is open in that direction; a selected
 * pod allows what at least one rule of a selecting policy allows; peers by pod and
 * namespace selectors or by IP block; ports by number or by the destination's port name.
 * IP blocks match addresses outside the cluster only (for pod addresses their effect is
 * left to the network plugin, so the flows never rely on it). TCP only.
 */
final class NetworkFlows {

	private final Rendered rendered;

	NetworkFlows(Rendered rendered) {
		this.rendered = rendered;
	}

	/** A pod as its Deployment's template describes it. */
	record Pod(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports) {

		static Pod of(Deployment deployment) {
			return new Pod(deployment.getMetadata().getName(), deployment.getMetadata().getNamespace(),
					deployment.getSpec().getTemplate().getMetadata().getLabels(),
					Rendered.container(deployment)
						.getPorts()
						.stream()
						.collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort)));
		}

	}

	List<Pod> pods() {
		return this.rendered.deployments().stream().map(Pod::of).toList();
	}

	/**
	 * Whether a pod may open a connection to another pod's port: the source's egress and
	 * the destination's ingress both allow it.
	 */
	boolean allows(Pod source, Pod destination, int port) {
		return egress(source, destination, null, port) && ingress(source, null, destination, port);
	}

	/** Whether an address outside the cluster may connect to a pod's port. */
	boolean allowsFromOutside(String address, Pod destination, int port) {
		return ingress(null, address, destination, port);
	}

	/** Whether a pod may connect to an address outside the cluster. */
	boolean allowsToOutside(Pod source, String address, int port) {
		return egress(source, null, address, port);
	}

	private boolean ingress(Pod source, String address, Pod destination, int port) {
		List<NetworkPolicy> policies = selecting(destination, "Ingress");
		return policies.isEmpty() || policies.stream()
			.flatMap((policy) -> policy.getSpec().getIngress().stream())
			.anyMatch((rule) -> peersMatch(rule.getFrom(), source, address, destination.namespace())
					&& portsMatch(rule.getPorts(), destination, port));
	}

	private boolean egress(Pod source, Pod destination, String address, int port) {
		List<NetworkPolicy> policies = selecting(source, "Egress");
		return policies.isEmpty() || policies.stream()
			.flatMap((policy) -> policy.getSpec().getEgress().stream())
			.anyMatch((rule) -> peersMatch(rule.getTo(), destination, address, source.namespace())
					&& portsMatch(rule.getPorts(), destination, port));
	}

	private List<NetworkPolicy> selecting(Pod pod, String direction) {
		return this.rendered.networkPolicies()
			.stream()
			.filter((policy) -> policy.getMetadata().getNamespace().equals(pod.namespace()))
			.filter((policy) -> Selectors.matches(policy.getSpec().getPodSelector(), pod.labels()))
			.filter((policy) -> types(policy).contains(direction))
			.toList();
	}

	private static List<String> types(NetworkPolicy policy) {
		if (!policy.getSpec().getPolicyTypes().isEmpty()) {
			return policy.getSpec().getPolicyTypes();
		}
		return policy.getSpec().getEgress().isEmpty() ? List.of("Ingress") : List.of("Ingress", "Egress");
	}

	private boolean peersMatch(List<NetworkPolicyPeer> peers, Pod pod, String address, String policyNamespace) {
		return peers.isEmpty() || peers.stream().anyMatch((peer) -> peerMatches(peer, pod, address, policyNamespace));
	}

	private boolean peerMatches(NetworkPolicyPeer peer, Pod pod, String address, String policyNamespace) {
		if (peer.getIpBlock() != null) {
			return address != null && inBlock(peer.getIpBlock(), address);
		}
		if (pod == null) {
			return false;
		}
		LabelSelector namespaces = peer.getNamespaceSelector();
		boolean namespaceMatches = (namespaces == null) ? pod.namespace().equals(policyNamespace)
				: Selectors.matches(namespaces, Map.of("kubernetes.io/metadata.name", pod.namespace()));
		return namespaceMatches
				&& (peer.getPodSelector() == null || Selectors.matches(peer.getPodSelector(), pod.labels()));
	}

	private static boolean portsMatch(List<NetworkPolicyPort> ports, Pod destination, int port) {
		return ports.isEmpty() || ports.stream().anyMatch((candidate) -> portMatches(candidate, destination, port));
	}

	private static boolean portMatches(NetworkPolicyPort rule, Pod destination, int port) {
		if (rule.getProtocol() != null && !"TCP".equals(rule.getProtocol())) {
			return false;
		}
		IntOrString value = rule.getPort();
		if (value == null) {
			return true;
		}
		if (value.getIntVal() != null) {
			int end = (rule.getEndPort() != null) ? rule.getEndPort() : value.getIntVal();
			return port >= value.getIntVal() && port <= end;
		}
		return destination != null && Integer.valueOf(port).equals(destination.ports().get(value.getStrVal()));
	}

	private static boolean inBlock(IPBlock block, String address) {
		return inCidr(block.getCidr(), address)
				&& block.getExcept().stream().noneMatch((cidr) -> inCidr(cidr, address));
	}

	static boolean inCidr(String cidr, String address) {
		String[] parts = cidr.split("/");
		int bits = Integer.parseInt(parts[1]);
		long mask = (bits == 0) ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
		return (ipv4(parts[0]) & mask) == (ipv4(address) & mask);
	}

	static long ipv4(String address) {
		long value = 0;
		for (String octet : address.split("\\.")) {
			value = (value << 8) | Integer.parseInt(octet);
		}
		return value;
	}

	/** The first address of a block, e.g. 192.0.2.1 of 192.0.2.0/24. */
	static String firstAddress(String cidr) {
		long value = ipv4(cidr.split("/")[0]) + 1;
		return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
	}

}
