/**
 * Who calls: the resource server validating access tokens, the scope per operation from
 * the contract, and the caller's plants for object-level checks.
 */
package org.millgate.shipments.security;
