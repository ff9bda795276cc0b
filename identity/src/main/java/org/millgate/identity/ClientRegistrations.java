package org.millgate.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.converter.OAuth2ClientRegistrationRegisteredClientConverter;
import org.springframework.security.oauth2.server.authorization.converter.RegisteredClientOAuth2ClientRegistrationConverter;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * Dynamic client registration (RFC 7591) for Millgate's machine clients. A registrar (the
 * developer portal) registers a client with the client-credentials grant, scopes from the
 * allowed list, and three metadata fields of Millgate's own: {@code plan} (required),
 * {@code partner_id} and {@code plants}. They are kept with the client and put on its
 * tokens. Anything else is refused with {@code invalid_client_metadata}.
 */
final class ClientRegistrations {

	static final String PLAN = "plan";

	static final String PARTNER_ID = "partner_id";

	static final String PLANTS = "plants";

	private static final String SETTING = "millgate.";

	private static final List<String> SECRET_METHODS = List.of("client_secret_basic", "client_secret_post");

	private static final Pattern PARTNER = Pattern.compile("[A-Z0-9][A-Z0-9_-]{1,31}");

	private static final Pattern PLANT = Pattern.compile("[A-Z0-9]{4}");

	private final IdentitySettings.Registration allowed;

	ClientRegistrations(IdentitySettings.Registration allowed) {
		this.allowed = allowed;
	}

	/**
	 * Reads a registration request into a client, or refuses it.
	 * @return the converter
	 */
	Converter<OAuth2ClientRegistration, RegisteredClient> toClient() {
		OAuth2ClientRegistrationRegisteredClientConverter standard = new OAuth2ClientRegistrationRegisteredClientConverter();
		return (registration) -> {
			Object method = registration.getClaims().get("token_endpoint_auth_method");
			if (method != null && !SECRET_METHODS.contains(method)) {
				throw refused("token_endpoint_auth_method must be one of " + SECRET_METHODS);
			}
			if (registration.getClaims().containsKey("jwks") || registration.getClaims().containsKey("jwks_uri")) {
				throw refused("jwks and jwks_uri are not accepted: clients authenticate with their secret");
			}
			Object clientName = registration.getClaims().get("client_name");
			if (clientName != null && (!(clientName instanceof String text) || text.isBlank() || text.length() > 200)) {
				throw refused("client_name must be 1 to 200 characters");
			}
			List<String> grants = registration.getGrantTypes();
			if (grants == null
					|| !Set.copyOf(grants).equals(Set.of(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue()))) {
				throw refused("grant_types must be exactly [\"client_credentials\"]");
			}
			List<String> scopes = registration.getScopes();
			if (scopes == null || scopes.isEmpty()) {
				throw refused("scope must name at least one scope");
			}
			for (String scope : scopes) {
				if (!this.allowed.scopes().contains(scope)) {
					throw refused("scope '" + scope + "' cannot be registered; allowed: " + this.allowed.scopes());
				}
			}
			Object plan = registration.getClaims().get(PLAN);
			if (!(plan instanceof String name) || !this.allowed.plans().contains(name)) {
				throw refused("plan must be one of " + this.allowed.plans());
			}
			Object partner = registration.getClaims().get(PARTNER_ID);
			if (partner != null && !(partner instanceof String id && PARTNER.matcher(id).matches())) {
				throw refused("partner_id must be 2 to 32 capitals, digits, '-' or '_'");
			}
			List<String> plants = plants(registration.getClaims().get(PLANTS));
			RegisteredClient client = standard.convert(registration);
			ClientSettings.Builder settings = ClientSettings.withSettings(client.getClientSettings().getSettings())
				.setting(SETTING + PLAN, plan)
				.setting(SETTING + PLANTS, plants);
			if (partner != null) {
				settings.setting(SETTING + PARTNER_ID, partner);
			}
			// the client id is its id: the directory knows clients by client id only
			return RegisteredClient.from(client).id(client.getClientId()).clientSettings(settings.build()).build();
		};
	}

	/**
	 * Describes a registered client in the registration response, with its Millgate
	 * metadata.
	 * @return the converter
	 */
	Converter<RegisteredClient, OAuth2ClientRegistration> toRegistration() {
		RegisteredClientOAuth2ClientRegistrationConverter standard = new RegisteredClientOAuth2ClientRegistrationConverter();
		return (client) -> {
			OAuth2ClientRegistration registration = standard.convert(client);
			OAuth2ClientRegistration.Builder builder = OAuth2ClientRegistration.withClaims(registration.getClaims());
			ClientSettings settings = client.getClientSettings();
			builder.claim(PLAN, settings.getSetting(SETTING + PLAN));
			builder.claim(PLANTS, settings.getSetting(SETTING + PLANTS));
			Object partner = settings.getSetting(SETTING + PARTNER_ID);
			if (partner != null) {
				builder.claim(PARTNER_ID, partner);
			}
			return builder.build();
		};
	}

	/**
	 * The Millgate attributes a registered client carries.
	 * @param client the client as registration made it
	 * @return its attributes
	 */
	static ClientDirectory.Attributes attributes(RegisteredClient client) {
		ClientSettings settings = client.getClientSettings();
		List<String> plants = settings.getSetting(SETTING + PLANTS);
		return new ClientDirectory.Attributes((plants != null) ? plants : List.of(),
				settings.getSetting(SETTING + PARTNER_ID), settings.getSetting(SETTING + PLAN));
	}

	static boolean isRegistration(RegisteredClient client) {
		return client.getClientSettings().getSetting(SETTING + PLAN) != null;
	}

	private static List<String> plants(Object claim) {
		if (claim == null) {
			return List.of();
		}
		if (!(claim instanceof Collection<?> values)) {
			throw refused("plants must be a list of plant codes");
		}
		List<String> plants = new ArrayList<>();
		for (Object value : values) {
			if (!(value instanceof String plant) || !PLANT.matcher(plant).matches()) {
				throw refused("plants must be a list of four-character plant codes");
			}
			plants.add(plant);
		}
		return List.copyOf(plants);
	}

	private static OAuth2AuthenticationException refused(String why) {
		return new OAuth2AuthenticationException(new OAuth2Error("invalid_client_metadata", why, null));
	}

}
