/**
 * The rules of the product, free of HTTP: which shipments a caller may see, how a
 * shipment's canonical status follows from its processing checks, and when its batches
 * count as quality released.
 */
package org.millgate.shipments.tracking;
