/**
 * Governance rules every contract must keep: it parses cleanly, its examples are valid,
 * its errors are RFC 9457 problems, its names follow the house style, every operation is
 * secured by a scope, every list is paginated, every string parameter is constrained.
 * Each rule has a stable id and reports violations that name the document and the JSON
 * path. {@link org.millgate.contracts.tools.governance.ContractRules} runs them.
 */
package org.millgate.contracts.tools.governance;
