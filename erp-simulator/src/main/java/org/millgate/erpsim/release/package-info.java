/**
 * The ERP releases the simulator can play, and how they differ: each release builds its
 * set of service definitions from the same data tables, renaming entity sets, properties
 * and actions, or moving a service to OData v4, the way real upgrades do.
 */
package org.millgate.erpsim.release;
