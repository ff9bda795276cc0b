package org.millgate.policies.core;

import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * A policy of the API routes: applied to each route the gateway derives from the catalog,
 * in {@link PolicyOrder}. Its configuration may differ per route (per product or
 * version); the policy reads it from the {@link RouteConfigs} it was made with.
 */
public interface RoutePolicy extends Policy {

	/**
	 * The policy's filter on one route.
	 * @param route the route
	 * @return the filter, ordered at {@link #order()}
	 */
	GatewayFilter apply(ApiRoute route);

}
