package org.millgate.portal;

import java.util.List;
import java.util.Locale;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.OidcLoginRequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;

/**
 * Signed-in portal users for the portal's MockMvc tests, with the claims identity gives
 * the demo users: a partner's developer and the API owner.
 */
public final class PortalSignIns {

	private PortalSignIns() {
	}

	/**
	 * A partner's developer, {@code <partner>-dev}.
	 * @param partner the partner id
	 * @return the sign-in
	 */
	public static OidcLoginRequestPostProcessor partner(String partner) {
		String user = partner.toLowerCase(Locale.ROOT) + "-dev";
		return oidcLogin()
			.idToken((token) -> token.subject(user)
				.claim("preferred_username", user)
				.claim("partner_id", partner)
				.claim("roles", List.of("partner")))
			.authorities(new SimpleGrantedAuthority("ROLE_PARTNER"));
	}

	/**
	 * The API owner.
	 * @return the sign-in
	 */
	public static OidcLoginRequestPostProcessor owner() {
		return oidcLogin()
			.idToken((token) -> token.subject("api-owner")
				.claim("preferred_username", "api-owner")
				.claim("roles", List.of("api-owner")))
			.authorities(new SimpleGrantedAuthority("ROLE_API_OWNER"));
	}

}
