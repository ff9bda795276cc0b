/**
 * The SAP S/4HANA adapter: the OData protocol as SAP serves it (CSRF handshake, session
 * cookies, paging by next links, typed {@code $filter}, error bodies, ETags), the names
 * each release uses, and the mapping of SAP's entities onto the canonical model. Nothing
 * of SAP leaves this package: adapters are package-private behind the ports.
 */
package org.millgate.erp.sap;
