/**
 * Availability by stock status: stock positions and open reservations of the ERP turned
 * into the contract's buckets, per material, optionally broken down by storage location
 * and batch, converted into the unit asked for.
 */
package org.millgate.inventory.availability;
