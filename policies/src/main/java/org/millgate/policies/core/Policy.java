package org.millgate.policies.core;

/**
 * A gateway policy. Every policy has the same shape, as a Spring Cloud Gateway filter
 * factory or a Gravitee policy has: a stable id ({@code public static final String ID}),
 * its place in {@link PolicyOrder}, a typed configuration (a nested
 * {@code record Config}, empty when there is nothing to configure), its failure codes as
 * {@code public static final String} constants (problem codes of {@code problems.yaml}),
 * and one way to be applied: {@link RoutePolicy#apply(ApiRoute)} for a policy of the
 * routes, the {@link WebPolicy} filter for one in front of every request.
 */
public interface Policy {

	/**
	 * The policy's stable id, as documentation names it.
	 * @return the id
	 */
	String id();

	/**
	 * Where the policy runs.
	 * @return its place in the one order of the gateway's policies
	 */
	PolicyOrder order();

}
