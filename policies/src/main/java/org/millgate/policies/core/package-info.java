/**
 * The one shape of the gateway's policies ({@link org.millgate.policies.core.Policy},
 * {@link org.millgate.policies.core.RoutePolicy},
 * {@link org.millgate.policies.core.WebPolicy}, the one
 * {@link org.millgate.policies.core.PolicyOrder}) and what every policy shares: the API
 * route a request was matched to, where a route policy reads its configuration, and the
 * per-request record the later policies and the access log read.
 */
package org.millgate.policies.core;
