/**
 * The HTTP face of the shipments product: controller, JSON representations, request
 * validation against the contract, correlation headers and RFC 9457 problems.
 */
package org.millgate.shipments.web;
