/**
 * Gateway policies, all of one shape ({@link org.millgate.policies.core.Policy}): an id,
 * a place in the one {@link org.millgate.policies.core.PolicyOrder}, a typed
 * configuration and stable failure codes (the problem types of {@code problems.yaml});
 * their decision logic is pure and unit-tested, their filters are thin. Policies read
 * scopes, limits, lifecycle and schemas from the contract catalog, never from their own
 * configuration.
 */
package org.millgate.policies;
