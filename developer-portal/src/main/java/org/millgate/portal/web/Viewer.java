package org.millgate.portal.web;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Who is looking at a page, for its header: nobody, a partner or an API owner.
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

		@ModelAttribute("viewer")
		Viewer viewer(@AuthenticationPrincipal OidcUser user) {
			if (user == null) {
				return null;
			}
			List<String> roles = user.getClaimAsStringList("roles");
			return new Viewer((user.getPreferredUsername() != null) ? user.getPreferredUsername() : user.getSubject(),
					user.getClaimAsString("partner_id"), (roles != null) ? roles : List.of());
		}

	}

}
