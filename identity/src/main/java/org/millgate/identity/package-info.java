/**
 * Identity: the authorization server whose RS256 access tokens carry the claims
 * Millgate's products and gateway decide on ({@code scope}, {@code plants},
 * {@code partner_id}, {@code plan}, {@code client_id}, the audience); it registers and
 * manages the portal's clients for the registrar alone (tokens of its own audience),
 * signs people in for the portal, and refuses credential stuffing at the login form and
 * the token endpoint.
 */
package org.millgate.identity;
