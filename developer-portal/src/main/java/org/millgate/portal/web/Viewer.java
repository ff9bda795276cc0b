package org.millgate.portal.web;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import org.millgate.portal.signin.Person;

/**
 * Who is looking at a page, for its header: nobody, a partner, an API owner or
 * operations.
 *
 * @param name the user name
 * @param partnerId the partner, or null
 * @param roles {@code partner}, {@code api-owner}, {@code operations}
 */
public record Viewer(String name, String partnerId, List<String> roles) {

	/**
	 * Whether the viewer owns APIs.
	 * @return true for an API owner
	 */
	public boolean apiOwner() {
		return this.roles.contains("api-owner");
	}

	/**
	 * Whether the viewer is on the operations team.
	 * @return true for operations
	 */
	public boolean operations() {
		return this.roles.contains("operations");
	}

	/**
	 * Puts the viewer on every page's model.
	 */
	@ControllerAdvice
	static final class OnEveryPage {

		private final Actors actors;

		OnEveryPage(Actors actors) {
			this.actors = actors;
		}

		@ModelAttribute("viewer")
		Viewer viewer(@AuthenticationPrincipal OidcUser user) {
			if (user == null) {
				return null;
			}
			Person person = this.actors.person(user);
			return new Viewer(person.name(), person.partnerId(), person.roles());
		}

	}

}
