package org.millgate.portal.web;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

import org.millgate.portal.apps.Apps;
import org.millgate.portal.signin.People;
import org.millgate.portal.signin.Person;

/**
 * The signed-in person as the apps and webhooks see them, read by the sign-in settings.
 */
@Component
final class Actors {

	private final People people;

	Actors(People people) {
		this.people = people;
	}

	Person person(OidcUser user) {
		return this.people.of(user);
	}

	Apps.Actor of(OidcUser user) {
		Person person = person(user);
		return new Apps.Actor(person.name(), person.partnerId());
	}

}
