package org.millgate.deploy;

import java.util.Set;

/**
 * The Kustomize overlays of deploy/kubernetes and the services each runs in the cluster.
 */
enum Overlay {

	/**
	 * Everything in one namespace, with the embedded identity, ERP simulator and Kafka.
	 */
	DEMO("demo", Set.of()),

	/** The enterprise's IdP, ERP and Kafka, outside the cluster, by configuration. */
	PRODUCTION("production", Set.of("identity", "erp-simulator", "event-broker"));

	private final String directory;

	private final Set<String> external;

	Overlay(String directory, Set<String> external) {
		this.directory = directory;
		this.external = external;
	}

	String directory() {
		return this.directory;
	}

	/**
	 * Whether this overlay runs a service of services.conf in the cluster.
	 * @param service the service's name
	 * @return false for a service the enterprise runs (production's IdP, ERP, Kafka)
	 */
	boolean runs(String service) {
		return !this.external.contains(service);
	}

}
