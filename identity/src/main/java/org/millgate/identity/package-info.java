/**
 * Identity: the client-credentials authorization server whose RS256 access tokens carry
 * the claims Millgate's products and gateway decide on ({@code scope}, {@code plants},
 * {@code partner_id}, {@code plan}, {@code client_id}, the audience).
 */
package org.millgate.identity;
