/**
 * The units of measure the contracts accept and the decimals a quantity in each may have:
 * one table for the gateway, the products and the ERP facade.
 */
package org.millgate.contracts.units;
