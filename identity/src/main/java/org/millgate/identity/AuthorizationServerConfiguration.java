package org.millgate.identity;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The authorization server: the client-credentials grant at {@code /oauth2/token}, the
 * signing keys at {@code /oauth2/jwks}, the metadata at
 * {@code /.well-known/oauth-authorization-server}; health for the launcher; nothing else.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

	private static final Logger LOG = LoggerFactory.getLogger(AuthorizationServerConfiguration.class);

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
		http.oauth2AuthorizationServer((server) -> http.securityMatcher(server.getEndpointsMatcher()))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain everythingElseChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.anyRequest()
			.denyAll()).csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	OAuth2AuthorizationService authorizations() {
		return new KeptNothingAuthorizations();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	ClientDirectory clientDirectory(IdentitySettings settings, PasswordEncoder encoder) {
		ClientDirectory clients = new ClientDirectory(settings, encoder);
		LOG.info("Issuer {}: {} client(s) registered, access tokens valid for {}", settings.issuer(), clients.size(),
				settings.tokenTimeToLive());
		return clients;
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(IdentitySettings settings) {
		return AuthorizationServerSettings.builder().issuer(settings.issuer()).build();
	}

	// A key made at start: tokens issued before a restart fail with an unknown key id.
	// Persistent keys and rotation come with the JDBC client store.
	@Bean
	JWKSource<SecurityContext> jwkSource() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
				.privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
			return new ImmutableJWKSet<>(new JWKSet(key));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA is not available", ex);
		}
	}

	// Millgate's claims on every access token, and the default scopes.
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> millgateClaims(ClientDirectory clients, IdentitySettings settings) {
		return (context) -> {
			if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				return;
			}
			String clientId = context.getRegisteredClient().getClientId();
			context.getClaims().audience(List.of(settings.audience())).claim("client_id", clientId);
			if (context.getAuthorizedScopes().isEmpty()) {
				// No scope asked for: the client's registered scopes are the default
				// (RFC 6749, section 3.3).
				context.getClaims().claim("scope", context.getRegisteredClient().getScopes());
			}
			clients.attributesOf(clientId).ifPresent((client) -> {
				if (!client.plants().isEmpty()) {
					context.getClaims().claim("plants", client.plants());
				}
				if (client.partnerId() != null) {
					context.getClaims().claim("partner_id", client.partnerId());
				}
				context.getClaims().claim("plan", client.plan());
			});
		};
	}

}
