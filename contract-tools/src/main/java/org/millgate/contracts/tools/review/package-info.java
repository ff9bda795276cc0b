/**
 * Contract reviews for API owners: per version, its lifecycle, its changes from the
 * previous version, and the consumers and operations that depend on it.
 */
package org.millgate.contracts.tools.review;
