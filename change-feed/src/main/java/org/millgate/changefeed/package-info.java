/**
 * The ERP change feed service: its settings, its wiring and its health.
 */
package org.millgate.changefeed;
