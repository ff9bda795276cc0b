/**
 * The ERP simulator application: its settings and the wiring of release, data, protocol
 * handler, security and fault injection.
 */
package org.millgate.erpsim;
