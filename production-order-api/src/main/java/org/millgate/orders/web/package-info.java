/**
 * The HTTP face of the product, exactly as the v1 contract describes it: controllers, the
 * JSON representations, request validation against the contract, correlation headers, and
 * RFC 9457 problem responses with the codes of {@code problems.yaml}.
 */
package org.millgate.orders.web;
