package org.millgate.portal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The whole sign-in against a company's provider shaped as Keycloak (a local stub that
 * signs real ID tokens): the portal redeems the code, checks signature, issuer, audience
 * and nonce, and grants the roles Keycloak nests in {@code realm_access.roles}, and the
 * partner from its {@code partner} claim.
 */
@SpringBootTest(properties = "spring.profiles.active=demo")
@AutoConfigureMockMvc
class KeycloakSignInTests {

	static final StubOpenIdProvider KEYCLOAK = new StubOpenIdProvider();

	@DynamicPropertySource
	static void keycloak(DynamicPropertyRegistry registry) {
		registry.add("MILLGATE_PORTAL_SIGNIN_ISSUER", KEYCLOAK::issuer);
		registry.add("MILLGATE_PORTAL_SIGNIN_AUTHORIZATION_URI", () -> KEYCLOAK.endpoint("auth"));
		registry.add("MILLGATE_PORTAL_SIGNIN_TOKEN_URI", () -> KEYCLOAK.endpoint("token"));
		registry.add("MILLGATE_PORTAL_SIGNIN_JWK_SET_URI", () -> KEYCLOAK.endpoint("certs"));
		registry.add("MILLGATE_PORTAL_SIGNIN_ROLES_CLAIM", () -> "realm_access.roles");
		registry.add("MILLGATE_PORTAL_SIGNIN_PARTNER_CLAIM", () -> "partner");
	}

	@AfterAll
	static void stop() {
		KEYCLOAK.close();
	}

	@Autowired
	MockMvc mvc;

	@Test
	void should_sign_a_partner_in_with_the_realm_roles_when_keycloak_signs_the_id_token() throws Exception {
		// given: sign-in started, Keycloak's token with its own roles beside the portal's
		MockHttpSession session = new MockHttpSession();
		Map<String, String> started = signInStarted(session);
		KEYCLOAK.nextIdToken(keycloakClaims(KEYCLOAK.issuer(), started.get("nonce")));

		// when
		MvcResult back = this.mvc
			.perform(get("/login/oauth2/code/millgate").param("code", "code-1")
				.param("state", started.get("state"))
				.session(session))
			.andReturn();

		// then
		assertThat(back.getResponse().getRedirectedUrl()).doesNotContain("error");
		assertThat(authorities(session)).contains("ROLE_PARTNER")
			.noneMatch((authority) -> authority.startsWith("ROLE_") && !authority.equals("ROLE_PARTNER"));
		assertThat(page("/", session)).contains("Signed in as <strong>plant-dev</strong>", "(partner ACME)")
			.doesNotContain("BETA");
		assertThat(page("/apps", session)).contains("Apps of partner <span>ACME</span>");
		assertThat(this.mvc.perform(get("/owner/approvals").session(session)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
	}

	@Test
	void should_refuse_the_sign_in_when_the_id_token_comes_from_another_issuer() throws Exception {
		// given: a token naming identity, signed with Keycloak's key
		MockHttpSession session = new MockHttpSession();
		Map<String, String> started = signInStarted(session);
		KEYCLOAK.nextIdToken(keycloakClaims("http://localhost:9000", started.get("nonce")));

		// when
		MvcResult back = this.mvc
			.perform(get("/login/oauth2/code/millgate").param("code", "code-2")
				.param("state", started.get("state"))
				.session(session))
			.andReturn();

		// then
		assertThat(back.getResponse().getRedirectedUrl()).contains("error");
		assertThat(session.getAttribute("SPRING_SECURITY_CONTEXT")).isNull();
	}

	private Map<String, String> signInStarted(MockHttpSession session) throws Exception {
		String toKeycloak = this.mvc.perform(get("/oauth2/authorization/millgate").session(session))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		assertThat(toKeycloak).startsWith(KEYCLOAK.endpoint("auth") + "?");
		Map<String, String> parameters = new HashMap<>();
		UriComponentsBuilder.fromUriString(toKeycloak)
			.build()
			.getQueryParams()
			.forEach((name, values) -> parameters.put(name, URLDecoder.decode(values.get(0), StandardCharsets.UTF_8)));
		return parameters;
	}

	private static Map<String, Object> keycloakClaims(String issuer, String nonce) {
		return Map.of("iss", issuer, "sub", "f3c1", "nonce", nonce, "preferred_username", "plant-dev", "partner",
				"ACME", "partner_id", "BETA", "roles", List.of("api-owner"), "realm_access",
				Map.of("roles", List.of("partner", "offline_access", "default-roles-plants")));
	}

	private static List<String> authorities(MockHttpSession session) {
		SecurityContext context = (SecurityContext) session.getAttribute("SPRING_SECURITY_CONTEXT");
		assertThat(context).as("signed in").isNotNull();
		return context.getAuthentication().getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

	private String page(String path, MockHttpSession session) throws Exception {
		return this.mvc.perform(get(path).session(session)).andReturn().getResponse().getContentAsString();
	}

}
