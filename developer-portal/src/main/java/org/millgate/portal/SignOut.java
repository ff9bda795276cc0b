package org.millgate.portal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Signing out of the portal signs out at the sign-in provider too (OpenID Connect
 * RP-initiated logout), so that on a shared machine the next "Sign in" asks for a
 * password again; without a logout endpoint, of the portal only.
 */
final class SignOut implements LogoutSuccessHandler {

	private final String logoutUri;

	/**
	 * @param logoutUri the provider's end-session endpoint; blank for none
	 */
	SignOut(String logoutUri) {
		this.logoutUri = logoutUri;
	}

	@Override
	public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
			throws IOException {
		String home = ServletUriComponentsBuilder.fromContextPath(request).path("/").build().toUriString();
		if (!this.logoutUri.isBlank() && authentication != null
				&& authentication.getPrincipal() instanceof OidcUser user) {
			response.sendRedirect(this.logoutUri + "?id_token_hint=" + user.getIdToken().getTokenValue()
					+ "&post_logout_redirect_uri=" + URLEncoder.encode(home, StandardCharsets.UTF_8));
			return;
		}
		response.sendRedirect(home);
	}

}
