/**
 * The problem types every Millgate component answers with (RFC 9457): a stable code, a
 * type URI, a status and a title each, loaded from {@code problems.yaml}. Services and
 * the gateway build their problem responses from these, so that the same failure looks
 * the same wherever it is detected.
 */
package org.millgate.contracts.problems;
