/**
 * Policy {@code versioning}: lifecycle headers and answers from the catalog.
 */
package org.millgate.policies.versioning;
