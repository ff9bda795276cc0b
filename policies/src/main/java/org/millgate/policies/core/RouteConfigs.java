package org.millgate.policies.core;

/**
 * Where a route policy reads its configuration for a route: the gateway's settings of the
 * route's product and version.
 *
 * @param <C> the policy's {@code Config} record
 */
@FunctionalInterface
public interface RouteConfigs<C> {

	/**
	 * The configuration on a route.
	 * @param route the route
	 * @return its configuration
	 */
	C of(ApiRoute route);

	/**
	 * The same configuration on every route.
	 * @param <C> the policy's {@code Config} record
	 * @param config the configuration
	 * @return the source
	 */
	static <C> RouteConfigs<C> same(C config) {
		return (route) -> config;
	}

}
