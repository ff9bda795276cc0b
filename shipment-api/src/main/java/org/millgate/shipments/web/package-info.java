/**
 * The HTTP face of the shipments product: the controller and its JSON representations.
 * Security, the contract check, correlation and problems come from the product-web
 * starter.
 */
package org.millgate.shipments.web;
