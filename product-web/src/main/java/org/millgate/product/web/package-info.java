/**
 * The Spring Boot starter of the API product services: everything a product has besides
 * its application code, its controllers and its lineage. Auto-configured
 * ({@code AutoConfiguration.imports}): resource-server security from the contract's
 * operation scopes, RFC 9457 problems, contract validation of every released version with
 * the product's own {@link org.millgate.product.web.RequestCheck}s, correlation and
 * {@code traceparent}, the contract and Swagger UI route, signed cursors, the
 * {@link org.millgate.contracts.access.Caller} as a controller argument, and the ERP's
 * failures as problems when the product uses the facade. Settings:
 * {@link org.millgate.product.web.ProductProperties}.
 */
package org.millgate.product.web;
