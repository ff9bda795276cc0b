/**
 * The command line behind {@code ./millgate contracts}: diff two contract files, lint
 * contracts against the governance rules, publish a contract version as the new released
 * baseline.
 */
package org.millgate.contracts.tools.cli;
