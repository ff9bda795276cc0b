/**
 * Policies {@code authentication} (JWT validation against the trusted issuers, and the
 * caller its claims describe) and {@code authorization} (the scope the contract requires
 * per operation, and the plant in path or query against the {@code plants} claim).
 */
package org.millgate.policies.auth;
