package org.millgate.portal;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Sign-in and roles: the public pages stay public, the review is for API owners, signing
 * in goes to identity with PKCE, and the roles come from the ID token.
 */
@SpringBootTest(properties = "spring.profiles.active=demo")
@AutoConfigureMockMvc
class SignInTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	GrantedAuthoritiesMapper roles;

	@Test
	void signing_in_goes_to_identity_with_pkce_and_comes_back_to_the_portal() throws Exception {
		MvcResult toSignIn = this.mvc.perform(get("/owner/products/production-orders/review")).andReturn();
		assertThat(toSignIn.getResponse().getStatus()).isEqualTo(302);
		assertThat(toSignIn.getResponse().getRedirectedUrl()).endsWith("/oauth2/authorization/millgate");

		MvcResult toIdentity = this.mvc.perform(get("/oauth2/authorization/millgate")).andReturn();
		assertThat(toIdentity.getResponse().getRedirectedUrl()).startsWith("http://localhost:9000/oauth2/authorize?")
			.contains("response_type=code", "client_id=developer-portal", "scope=openid", "code_challenge=",
					"code_challenge_method=S256", "redirect_uri=http://localhost/login/oauth2/code/millgate", "nonce=");
	}

	@Test
	void the_review_is_for_api_owners_only() throws Exception {
		MvcResult owner = this.mvc.perform(
				get("/owner/products/production-orders/review").with(oidcLogin()
					.idToken((token) -> token.subject("api-owner")
						.claim("preferred_username", "api-owner")
						.claim("roles", List.of("api-owner")))
					.authorities(new SimpleGrantedAuthority("ROLE_API_OWNER"))))
			.andReturn();
		MvcResult partner = this.mvc.perform(get("/owner/products/production-orders/review")
			.with(oidcLogin().idToken((token) -> token.subject("acme-dev").claim("partner_id", "ACME"))
				.authorities(new SimpleGrantedAuthority("ROLE_PARTNER"))))
			.andReturn();

		assertThat(owner.getResponse().getStatus()).isEqualTo(200);
		assertThat(owner.getResponse().getContentAsString()).contains("Contract review: <span>Production orders</span>",
				"Signed in as <strong>api-owner</strong>", "(API owner)", "must adapt", "<td>mes</td>",
				"the released orders of plant 1000", "<span class=\"breaking\">BREAKING</span>",
				"Identical in behaviour to the released baseline", "name=\"_csrf\"");
		assertThat(partner.getResponse().getStatus()).isEqualTo(403);
	}

	@Test
	void a_signed_in_partner_sees_who_and_for_which_partner() throws Exception {
		String page = this.mvc.perform(get("/").with(oidcLogin().idToken((token) -> token.subject("acme-dev")
			.claim("preferred_username", "acme-dev")
			.claim("partner_id", "ACME")
			.claim("roles", List.of("partner"))))).andReturn().getResponse().getContentAsString();

		assertThat(page).contains("Signed in as <strong>acme-dev</strong>", "(partner ACME)", "Sign out")
			.doesNotContain(">Sign in<");
		assertThat(this.mvc.perform(get("/")).andReturn().getResponse().getContentAsString()).contains(">Sign in<");
	}

	@Test
	void an_unknown_product_under_review_is_a_404_page() throws Exception {
		MvcResult unknown = this.mvc.perform(
				get("/owner/products/widgets/review").with(oidcLogin().idToken((token) -> token.subject("api-owner"))
					.authorities(new SimpleGrantedAuthority("ROLE_API_OWNER"))))
			.andReturn();

		assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
		assertThat(unknown.getResponse().getContentAsString()).contains("There is no API product &#39;widgets&#39;.");
	}

	@Test
	void signing_out_signs_out_at_identity_too() throws Exception {
		MvcResult out = this.mvc
			.perform(MockMvcRequestBuilders.post("/logout")
				.with(SecurityMockMvcRequestPostProcessors.csrf())
				.with(oidcLogin().idToken((token) -> token.subject("acme-dev"))))
			.andReturn();

		assertThat(out.getResponse().getRedirectedUrl())
			.startsWith("http://localhost:9000/connect/logout?id_token_hint=")
			.endsWith("&post_logout_redirect_uri=http%3A%2F%2Flocalhost%2F");
	}

	@Autowired
	ClientRegistrationRepository registrations;

	@Test
	void an_id_token_from_another_issuer_is_refused() {
		var registration = this.registrations.findByRegistrationId("millgate");
		Instant now = Instant.now();
		Jwt.Builder token = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("acme-dev")
			.audience(List.of("developer-portal"))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(60));
		var validator = SignInConfiguration.idTokenValidator(registration, "http://localhost:9000");

		assertThat(validator.validate(token.issuer("http://localhost:9000").build()).hasErrors()).isFalse();
		assertThat(validator.validate(token.issuer("http://evil.example").build()).hasErrors()).isTrue();
	}

	@Test
	void roles_come_from_the_id_token() {
		OidcIdToken token = OidcIdToken.withTokenValue("t")
			.subject("api-owner")
			.claim("roles", List.of("api-owner", "partner"))
			.build();

		assertThat(this.roles.mapAuthorities(List.of(new OidcUserAuthority(token))))
			.extracting(GrantedAuthority::getAuthority)
			.contains("ROLE_API_OWNER", "ROLE_PARTNER");
	}

}
