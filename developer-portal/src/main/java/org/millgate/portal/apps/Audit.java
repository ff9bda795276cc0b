package org.millgate.portal.apps;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a change to an app in the audit log and the application log; never a secret.
 */
final class Audit {

	private static final Logger LOG = LoggerFactory.getLogger(Apps.class);

	private final AppStore store;

	private final Clock clock;

	Audit(AppStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	void record(Apps.Actor actor, String partnerId, String action, App app, String text) {
		// the column holds 1000 characters
		String detail = (text != null && text.length() > 1000) ? text.substring(0, 999) + "…" : text;
		this.store.audit(new AuditEvent(this.clock.instant(), actor.name(), partnerId, action,
				"app '" + app.name() + "' (" + app.id() + ")", detail));
		LOG.info("{} by {}: app {} ({}){}", action, actor.name(), app.id(), app.name(),
				(detail != null) ? ": " + detail : "");
	}

}
