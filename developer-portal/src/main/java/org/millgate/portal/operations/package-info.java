/**
 * The operations pages' data: figures sampled over time from the platform's Prometheus
 * endpoints, charts drawn as SVG on the server, and the Reconciliation API read through
 * the gateway.
 */
package org.millgate.portal.operations;
