/**
 * The HTTP face of the product, exactly as its contracts (v1, v2) describe it:
 * controllers, the JSON representations and the confirmation's own request checks.
 * Security, the contract check, correlation and problems come from the product-web
 * starter.
 */
package org.millgate.orders.web;
