package org.millgate.portal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import org.millgate.portal.apps.App;
import org.millgate.portal.apps.Apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The portal with a plant's Keycloak for signing in, set by the environment variables a
 * plant sets: people go there, its tokens alone are taken, roles and partner are read
 * where it puts them, and signing out ends there too.
 */
@SpringBootTest(properties = { "spring.profiles.active=demo",
		"MILLGATE_PORTAL_SIGNIN_ISSUER=" + EnterpriseSignInTests.KEYCLOAK,
		"MILLGATE_PORTAL_SIGNIN_AUTHORIZATION_URI=" + EnterpriseSignInTests.KEYCLOAK + "/protocol/openid-connect/auth",
		"MILLGATE_PORTAL_SIGNIN_TOKEN_URI=" + EnterpriseSignInTests.KEYCLOAK + "/protocol/openid-connect/token",
		"MILLGATE_PORTAL_SIGNIN_JWK_SET_URI=" + EnterpriseSignInTests.KEYCLOAK + "/protocol/openid-connect/certs",
		"MILLGATE_PORTAL_SIGNIN_LOGOUT_URI=" + EnterpriseSignInTests.KEYCLOAK + "/protocol/openid-connect/logout",
		"MILLGATE_PORTAL_SIGNIN_ROLES_CLAIM=realm_access.roles", "MILLGATE_PORTAL_SIGNIN_PARTNER_CLAIM=partner" })
@AutoConfigureMockMvc
class EnterpriseSignInTests {

	static final String KEYCLOAK = "https://sso.example.com/realms/plants";

	@Autowired
	MockMvc mvc;

	@Autowired
	ClientRegistrationRepository registrations;

	@Autowired
	Apps apps;

	@Test
	void should_send_people_to_keycloak_with_pkce_when_keycloak_signs_them_in() throws Exception {
		// given / when
		MvcResult toKeycloak = this.mvc.perform(get("/oauth2/authorization/millgate")).andReturn();

		// then
		assertThat(toKeycloak.getResponse().getRedirectedUrl()).startsWith(KEYCLOAK + "/protocol/openid-connect/auth?")
			.contains("response_type=code", "client_id=developer-portal", "scope=openid", "code_challenge=",
					"code_challenge_method=S256", "redirect_uri=http://localhost/login/oauth2/code/millgate", "nonce=");
	}

	@Test
	void should_redeem_codes_and_read_keys_at_keycloak_when_keycloak_signs_people_in() {
		// given / when
		ClientRegistration.ProviderDetails provider = this.registrations.findByRegistrationId("millgate")
			.getProviderDetails();

		// then
		assertThat(provider.getTokenUri()).isEqualTo(KEYCLOAK + "/protocol/openid-connect/token");
		assertThat(provider.getJwkSetUri()).isEqualTo(KEYCLOAK + "/protocol/openid-connect/certs");
	}

	@Test
	void should_refuse_an_id_token_of_identity_when_keycloak_signs_people_in() {
		// given
		ClientRegistration registration = this.registrations.findByRegistrationId("millgate");
		Instant now = Instant.now();
		Jwt.Builder token = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.subject("acme-dev")
			.audience(List.of("developer-portal"))
			.issuedAt(now)
			.expiresAt(now.plusSeconds(60));
		OidcIdTokenValidator validator = new OidcIdTokenValidator(registration);

		// when / then
		assertThat(validator.validate(token.issuer(KEYCLOAK).build()).hasErrors()).isFalse();
		assertThat(validator.validate(token.issuer("http://localhost:9000").build()).hasErrors()).isTrue();
	}

	@Test
	void should_show_partner_and_roles_where_keycloak_puts_them_when_signed_in() throws Exception {
		// given: identity's claims name someone else
		var keycloakUser = oidcLogin()
			.idToken((token) -> token.subject("f3c1")
				.claim("preferred_username", "plant-dev")
				.claim("partner", "ACME")
				.claim("partner_id", "BETA")
				.claim("roles", List.of("api-owner"))
				.claim("realm_access", Map.of("roles", List.of("partner", "offline_access"))))
			.authorities(new SimpleGrantedAuthority("ROLE_PARTNER"));

		// when
		String home = this.mvc.perform(get("/").with(keycloakUser)).andReturn().getResponse().getContentAsString();
		String apps = this.mvc.perform(get("/apps").with(keycloakUser)).andReturn().getResponse().getContentAsString();

		// then
		assertThat(home).contains("Signed in as <strong>plant-dev</strong>", "(partner ACME)")
			.doesNotContain("BETA", "(API owner)");
		assertThat(apps).contains("Apps of partner <span>ACME</span>");
	}

	@Test
	void should_create_the_app_for_the_partner_keycloak_names_when_its_partner_creates_one() throws Exception {
		// given: a partner of this test alone, identity's claim naming another
		String partner = "KC" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
		var keycloakUser = oidcLogin()
			.idToken((token) -> token.subject("f3c2")
				.claim("preferred_username", "kc-dev")
				.claim("partner", partner)
				.claim("partner_id", "BETA")
				.claim("realm_access", Map.of("roles", List.of("partner"))))
			.authorities(new SimpleGrantedAuthority("ROLE_PARTNER"));

		// when
		MvcResult created = this.mvc
			.perform(post("/apps").param("name", "Plant scheduler")
				.with(SecurityMockMvcRequestPostProcessors.csrf())
				.with(keycloakUser))
			.andReturn();

		// then
		assertThat(created.getResponse().getRedirectedUrl()).startsWith("/apps/");
		assertThat(this.apps.apps(new Apps.Actor("auditor", partner))).extracting(App::name)
			.containsExactly("Plant scheduler");
	}

	@Test
	void should_let_sign_out_reach_keycloak_only_when_the_csp_names_the_form_targets() throws Exception {
		// given / when
		String policy = this.mvc.perform(get("/")).andReturn().getResponse().getHeader("Content-Security-Policy");

		// then
		assertThat(policy).contains("form-action 'self' https://sso.example.com;").doesNotContain("localhost:9000");
	}

	@Test
	void should_sign_out_at_keycloak_when_keycloak_signed_people_in() throws Exception {
		// given / when
		MvcResult out = this.mvc
			.perform(post("/logout").with(SecurityMockMvcRequestPostProcessors.csrf())
				.with(oidcLogin().idToken((token) -> token.subject("f3c1"))))
			.andReturn();

		// then
		assertThat(out.getResponse().getRedirectedUrl())
			.startsWith(KEYCLOAK + "/protocol/openid-connect/logout?id_token_hint=")
			.endsWith("&post_logout_redirect_uri=http%3A%2F%2Flocalhost%2F");
	}

}
