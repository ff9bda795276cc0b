package org.millgate.portal.web;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import org.millgate.portal.apps.Apps;

/**
 * The signed-in person as the apps see them.
 */
final class Actors {

	private Actors() {
	}

	static Apps.Actor of(OidcUser user) {
		String name = (user.getPreferredUsername() != null) ? user.getPreferredUsername() : user.getSubject();
		return new Apps.Actor(name, user.getClaimAsString("partner_id"));
	}

}
