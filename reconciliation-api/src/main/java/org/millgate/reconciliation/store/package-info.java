/**
 * Where the reconciliation keeps what it was told and what it found: PostgreSQL (or an H2
 * file) through JDBC, always off the event loop; and the confirmations the platform
 * posted, read from the production orders' event stream.
 */
package org.millgate.reconciliation.store;
