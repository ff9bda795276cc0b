/**
 * The inventory API product: availability of materials by stock status over the ERP
 * facade, implementing the v1 contract of {@code api-contracts} exactly.
 */
package org.millgate.inventory;
