/**
 * Who calls: the OAuth2 resource server that validates access tokens (issuer, audience,
 * signature), enforces the scope each operation's contract requires, and turns the
 * token's claims into a {@link org.millgate.orders.security.Caller} for object-level
 * checks.
 */
package org.millgate.orders.security;
