/**
 * Policies {@code versioning} (lifecycle headers and answers from the catalog, the
 * operation called) and {@code not-found} (the answer for paths no API route matches).
 */
package org.millgate.policies.versioning;
