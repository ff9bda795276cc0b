/**
 * The gateway application: routes, scopes, plans and lifecycle derived from the contract
 * catalog, policies wired per route.
 */
package org.millgate.gateway;
