/**
 * Policy {@code hygiene}: what crosses the gateway in either direction is cleaned.
 */
package org.millgate.policies.hygiene;
