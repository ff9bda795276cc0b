package org.millgate.policies.core;

import org.springframework.core.Ordered;
import org.springframework.web.server.WebFilter;

/**
 * A policy in front of every request, routed or not (management endpoints, unknown
 * paths): a WebFilter at its place in {@link PolicyOrder}.
 */
public interface WebPolicy extends Policy, WebFilter, Ordered {

	@Override
	default int getOrder() {
		return order().value();
	}

}
