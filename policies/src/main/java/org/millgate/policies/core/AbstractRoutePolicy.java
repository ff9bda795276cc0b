package org.millgate.policies.core;

import org.springframework.cloud.gateway.filter.GatewayFilter;

/**
 * The one shape of a route policy, as Spring Cloud Gateway's
 * {@code AbstractGatewayFilterFactory<C>} is of a filter factory: an id, a place in
 * {@link PolicyOrder}, and a typed configuration read per route from the
 * {@link RouteConfigs} the policy was made with. {@link #apply(ApiRoute)} reads the
 * route's configuration once, when the gateway builds its routes, and orders the filter.
 *
 * @param <C> the policy's {@code Config} record
 */
public abstract class AbstractRoutePolicy<C extends Record> extends AbstractPolicy implements RoutePolicy {

	private final RouteConfigs<C> configs;

	/**
	 * The policy.
	 * @param id its {@code ID}
	 * @param order its place
	 * @param configs where its configuration on each route is read
	 */
	protected AbstractRoutePolicy(String id, PolicyOrder order, RouteConfigs<C> configs) {
		super(id, order, PolicyOrder.Chain.ROUTE);
		this.configs = configs;
	}

	@Override
	public final GatewayFilter apply(ApiRoute route) {
		return order().filter(filter(route, this.configs.of(route)));
	}

	/**
	 * The policy's filter on a route.
	 * @param route the route
	 * @param config the policy's configuration on it
	 * @return the filter, unordered
	 */
	protected abstract GatewayFilter filter(ApiRoute route, C config);

}
