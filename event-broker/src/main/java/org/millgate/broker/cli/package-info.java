/**
 * {@code ./millgate events}: the operator's commands on the consumers of the platform's
 * events (their lag, a replay from a time or an event).
 */
package org.millgate.broker.cli;
