package org.millgate.deploy;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import tools.jackson.databind.JsonNode;

/**
 * One overlay as {@code kubectl kustomize} rendered it: the documents as written and the
 * same objects read into the Kubernetes model.
 *
 * @param overlay the overlay
 * @param documents the rendered objects as JSON trees
 * @param objects the same objects, typed
 */
record Rendered(Overlay overlay, List<JsonNode> documents, List<HasMetadata> objects) {

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
		return all(type).stream().filter((object) -> object.getMetadata().getName().equals(name)).findFirst();
	}

	List<Deployment> deployments() {
		return all(Deployment.class);
	}

	Optional<Deployment> deployment(String name) {
		return find(Deployment.class, name);
	}

	Optional<Service> service(String name) {
		return find(Service.class, name);
	}

	List<NetworkPolicy> networkPolicies() {
		return all(NetworkPolicy.class);
	}

	/**
	 * A generated ConfigMap by the name it has in the manifests (kustomize adds a hash).
	 * @param name e.g. {@code millgate-config}
	 * @return the ConfigMap whose name is {@code name} or {@code name-HASH}
	 */
	Optional<ConfigMap> configMap(String name) {
		return all(ConfigMap.class).stream().filter((map) -> generatedFrom(map, name)).findFirst();
	}

	Optional<Secret> secret(String name) {
		return all(Secret.class).stream().filter((secret) -> generatedFrom(secret, name)).findFirst();
	}

	static Container container(Deployment deployment) {
		List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
		if (containers.size() != 1) {
			throw new AssertionError(deployment.getMetadata().getName() + " has " + containers.size()
					+ " containers; the rules expect one per service");
		}
		return containers.get(0);
	}

	private static boolean generatedFrom(HasMetadata object, String name) {
		String actual = object.getMetadata().getName();
		return actual.equals(name) || actual.matches(java.util.regex.Pattern.quote(name) + "-[a-z0-9]{10}");
	}

}
