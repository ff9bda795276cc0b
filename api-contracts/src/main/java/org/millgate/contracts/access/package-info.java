/**
 * Who may call what, read from the contracts: the OAuth2 scope each operation requires.
 * Services and the gateway enforce the same table, so it is written once, in the
 * contract.
 */
package org.millgate.contracts.access;
