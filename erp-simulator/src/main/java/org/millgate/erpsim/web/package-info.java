/**
 * The HTTP face of the simulated ERP: routes SAP service paths to the protocol code,
 * reads and writes entities, calls function imports, and guards every OData request with
 * basic authentication, the SAP client and the CSRF token handshake.
 */
package org.millgate.erpsim.web;
