package org.millgate.portal.apps;

import java.time.Instant;

/**
 * One change: who did what to what, when.
 *
 * @param at when
 * @param actor who (a user name)
 * @param partnerId the partner concerned, or null
 * @param action what, e.g. {@code app.created}
 * @param target to what, e.g. the app's name and id
 * @param detail more, never a secret
 */
public record AuditEvent(Instant at, String actor, String partnerId, String action, String target, String detail) {

}
