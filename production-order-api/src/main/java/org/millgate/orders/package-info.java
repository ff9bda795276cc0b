/**
 * The production-orders API product: production orders as MES needs them, over the ERP
 * facade, implementing the v1 contract of {@code api-contracts} exactly.
 */
package org.millgate.orders;
