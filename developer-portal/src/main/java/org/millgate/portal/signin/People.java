package org.millgate.portal.signin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Reads the signed-in person from their claims by the sign-in settings: the one place
 * that knows which claims name roles and partner, so that the role check at sign-in and
 * the pages never read different claims.
 */
public final class People {

	private final ClaimPath rolesClaim;

	private final Map<String, Set<String>> roleValues;

	private final ClaimPath partnerClaim;

	/**
	 * Reads people by these settings.
	 * @param settings the sign-in settings
	 */
	public People(SignInSettings settings) {
		this.rolesClaim = new ClaimPath(settings.rolesClaim());
		this.roleValues = settings.roleMapping();
		this.partnerClaim = new ClaimPath(settings.partnerClaim());
	}

	/**
	 * The person signed in.
	 * @param user the principal of the session
	 * @return who they are
	 */
	public Person of(OidcUser user) {
		String name = (user.getPreferredUsername() != null) ? user.getPreferredUsername() : user.getSubject();
		return new Person(name, partnerIn(user.getClaims()), List.copyOf(rolesIn(user.getClaims())));
	}

	/**
	 * The portal roles the claims grant: with role values configured, only the values
	 * listed (a group of the company that happens to be named {@code operations} grants
	 * nothing); without, a value that is a portal role's name; anything else nothing.
	 * @param claims an ID token's claims (with the user info's, if any)
	 * @return the roles, in the order the claim names them
	 */
	public Set<String> rolesIn(Map<String, Object> claims) {
		Set<String> roles = new LinkedHashSet<>();
		for (String value : values(this.rolesClaim.valueIn(claims))) {
			Set<String> mapped = this.roleValues.get(value);
			if (mapped != null) {
				roles.addAll(mapped);
			}
			else if (this.roleValues.isEmpty() && SignInSettings.PORTAL_ROLES.contains(value)) {
				roles.add(value);
			}
		}
		return roles;
	}

	/**
	 * The partner the claims name.
	 * @param claims an ID token's claims
	 * @return the partner, or null when the claim is missing, blank or no single text
	 */
	public String partnerIn(Map<String, Object> claims) {
		Object value = this.partnerClaim.valueIn(claims);
		if (value instanceof String text && !text.isBlank()) {
			return text.strip();
		}
		return null;
	}

	// a JSON array, or a space-separated text as OAuth's scope is
	private static List<String> values(Object claim) {
		List<String> values = new ArrayList<>();
		if (claim instanceof Collection<?> list) {
			list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(values::add);
		}
		else if (claim instanceof String text) {
			values.addAll(List.of(text.strip().split("\\s+")));
		}
		return values;
	}

}
