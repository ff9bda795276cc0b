/**
 * The compatibility checker: compares two versions of a contract and classifies every
 * change as breaking or not for existing consumers. Requests must keep accepting what
 * they accepted; responses must keep to what they promised. The build runs it against
 * each contract's released copy; {@code ./millgate contracts diff} runs it on any two
 * files.
 */
package org.millgate.contracts.tools.compat;
