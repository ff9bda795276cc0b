/**
 * Policies {@code correlation} and {@code access-log}: correlation id and W3C trace
 * context on every request, one JSON access-log line and one timer sample per request.
 */
package org.millgate.policies.observability;
