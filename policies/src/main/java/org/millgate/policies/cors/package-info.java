/**
 * Policy {@code cors}: cross-origin calls from browsers, for the developer portal's
 * origin only.
 */
package org.millgate.policies.cors;
