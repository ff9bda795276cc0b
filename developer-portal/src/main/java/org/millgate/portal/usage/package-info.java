/**
 * What each client did with each product version, as the gateway counts it in Redis.
 */
package org.millgate.portal.usage;
