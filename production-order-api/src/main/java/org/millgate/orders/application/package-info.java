/**
 * What the product does: reading and releasing production orders and confirming their
 * operations, with the rules the contract promises (canonical status, plant visibility,
 * confirmation checks), over the ERP facade's ports.
 */
package org.millgate.orders.application;
