/**
 * Gateway policies as reusable filters. Each policy has an id, a typed configuration and
 * stable failure codes (the problem types of {@code problems.yaml}); its decision logic
 * is pure and unit-tested, its filter is thin. Policies read scopes, limits, lifecycle
 * and schemas from the contract catalog, never from their own configuration.
 */
package org.millgate.policies;
