package org.millgate.portal;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import org.millgate.portal.signin.SignInSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The sign-in settings as the portal binds them: its application.yaml with the
 * environment variables a plant sets (MILLGATE_PORTAL_SIGNIN_*), and the start-up errors
 * of settings that do not fit together.
 */
class SignInSettingsBindingTests {

	private static final String KEYCLOAK = "https://sso.example.com/realms/plants";

	@Test
	void should_sign_in_at_identity_with_todays_claims_when_nothing_is_set() {
		// given / when
		SignInSettings signIn = bind(Map.of()).signIn();

		// then
		assertThat(signIn.issuer()).isEqualTo("http://localhost:9000");
		assertThat(List.of(signIn.authorizationUri(), signIn.tokenUri(), signIn.jwkSetUri(), signIn.logoutUri()))
			.containsExactly("http://localhost:9000/oauth2/authorize", "http://localhost:9000/oauth2/token",
					"http://localhost:9000/oauth2/jwks", "http://localhost:9000/connect/logout");
		assertThat(signIn.clientId()).isEqualTo("developer-portal");
		assertThat(signIn.scopes()).containsExactly("openid", "profile");
		assertThat(signIn.rolesClaim()).isEqualTo("roles");
		assertThat(signIn.roleValues()).isEmpty();
		assertThat(signIn.partnerClaim()).isEqualTo("partner_id");
	}

	@Test
	void should_follow_identitys_issuer_when_only_MILLGATE_ISSUER_is_set() {
		// given / when
		SignInSettings signIn = bind(Map.of("MILLGATE_ISSUER", "https://identity.plant.example")).signIn();

		// then
		assertThat(signIn.issuer()).isEqualTo("https://identity.plant.example");
		assertThat(signIn.authorizationUri()).isEqualTo("https://identity.plant.example/oauth2/authorize");
	}

	@Test
	void should_bind_the_enterprise_idp_when_its_variables_are_set() {
		// given
		Map<String, String> keycloak = Map.of("MILLGATE_PORTAL_SIGNIN_ISSUER", KEYCLOAK,
				"MILLGATE_PORTAL_SIGNIN_AUTHORIZATION_URI", KEYCLOAK + "/protocol/openid-connect/auth",
				"MILLGATE_PORTAL_SIGNIN_TOKEN_URI", KEYCLOAK + "/protocol/openid-connect/token",
				"MILLGATE_PORTAL_SIGNIN_JWK_SET_URI", KEYCLOAK + "/protocol/openid-connect/certs",
				"MILLGATE_PORTAL_SIGNIN_SCOPES", "openid,profile,roles", "MILLGATE_PORTAL_SIGNIN_ROLES_CLAIM",
				"realm_access.roles", "MILLGATE_PORTAL_SIGNIN_ROLE_VALUES",
				"millgate-owners=api-owner,millgate-ops=operations", "MILLGATE_PORTAL_SIGNIN_PARTNER_CLAIM", "partner");

		// when
		PortalSettings settings = bind(keycloak);

		// then
		SignInSettings signIn = settings.signIn();
		assertThat(signIn.issuer()).isEqualTo(KEYCLOAK);
		assertThat(signIn.authorizationUri()).isEqualTo(KEYCLOAK + "/protocol/openid-connect/auth");
		assertThat(signIn.tokenUri()).isEqualTo(KEYCLOAK + "/protocol/openid-connect/token");
		assertThat(signIn.jwkSetUri()).isEqualTo(KEYCLOAK + "/protocol/openid-connect/certs");
		assertThat(signIn.logoutUri()).isEmpty();
		assertThat(signIn.scopes()).containsExactly("openid", "profile", "roles");
		assertThat(signIn.rolesClaim()).isEqualTo("realm_access.roles");
		assertThat(signIn.roleMapping()).containsEntry("millgate-owners", Set.of("api-owner"))
			.containsEntry("millgate-ops", Set.of("operations"));
		assertThat(signIn.partnerClaim()).isEqualTo("partner");
		// and the registrar stays at identity
		assertThat(settings.issuerUrl()).hasToString("http://localhost:9000");
		assertThat(settings.registrar().clientId()).isEqualTo("developer-portal-registrar");
	}

	@Test
	void should_refuse_to_start_when_another_issuer_has_no_endpoints() {
		// given / when
		Throwable refused = catchThrowable(() -> bind(Map.of("MILLGATE_PORTAL_SIGNIN_ISSUER", KEYCLOAK)));

		// then
		assertThat(rootCause(refused)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("millgate.portal.sign-in.issuer (MILLGATE_PORTAL_SIGNIN_ISSUER) is " + KEYCLOAK)
			.hasMessageContaining("MILLGATE_PORTAL_SIGNIN_AUTHORIZATION_URI");
	}

	@Test
	void should_refuse_to_start_when_a_role_value_names_no_portal_role() {
		// given / when
		Throwable refused = catchThrowable(
				() -> bind(Map.of("MILLGATE_PORTAL_SIGNIN_ROLE_VALUES", "Millgate.ApiOwners=api-owner,Admins=admin")));

		// then
		assertThat(rootCause(refused)).hasMessageContaining("role-values (MILLGATE_PORTAL_SIGNIN_ROLE_VALUES)")
			.hasMessageContaining("'Admins=admin'")
			.hasMessageContaining("[api-owner, operations, partner]");
	}

	@Test
	void should_refuse_to_start_when_a_role_value_has_no_value() {
		assertThat(rootCause(catchThrowable(() -> bind(Map.of("MILLGATE_PORTAL_SIGNIN_ROLE_VALUES", "api-owner")))))
			.hasMessageContaining("'api-owner': each must be claim-value=role");
	}

	@Test
	void should_refuse_to_start_when_the_scopes_lack_openid() {
		assertThat(rootCause(catchThrowable(() -> bind(Map.of("MILLGATE_PORTAL_SIGNIN_SCOPES", "profile,email")))))
			.hasMessageContaining("without openid");
	}

	@Test
	void should_refuse_to_start_when_an_endpoint_is_no_url() {
		assertThat(rootCause(
				catchThrowable(() -> bind(Map.of("MILLGATE_PORTAL_SIGNIN_LOGOUT_URI", "sso.example.com/logout")))))
			.hasMessageContaining("'sso.example.com/logout' is not");
	}

	@Test
	void should_refuse_to_start_when_the_sign_in_secret_is_missing() {
		// given: outside the demo profile nothing provides it
		Map<String, String> environment = new HashMap<>();
		environment.put("MILLGATE_PORTAL_CLIENT_SECRET", "");

		// when / then
		assertThatThrownBy(() -> bind(environment)).satisfies((refused) -> assertThat(rootCause(refused))
			.hasMessageContaining("client-secret (MILLGATE_PORTAL_CLIENT_SECRET) is required"));
	}

	private static PortalSettings bind(Map<String, String> variables) {
		Map<String, Object> environment = new HashMap<>(
				Map.of("MILLGATE_PORTAL_CLIENT_SECRET", "sign-in-secret", "MILLGATE_PORTAL_REGISTRAR_SECRET", "r"));
		environment.putAll(variables);
		StandardEnvironment spring = new StandardEnvironment();
		MutablePropertySources sources = spring.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.addFirst(new SystemEnvironmentPropertySource("environment", environment));
		try {
			new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
				.forEach(sources::addLast);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return Binder.get(spring).bindOrCreate("millgate.portal", PortalSettings.class);
	}

	private static Throwable rootCause(Throwable thrown) {
		assertThat(thrown).as("a start-up error").isNotNull();
		Throwable cause = thrown;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
