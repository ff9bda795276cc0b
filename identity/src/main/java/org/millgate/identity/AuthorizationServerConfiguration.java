package org.millgate.identity;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;

/**
 * The authorization server: the client-credentials grant at {@code /oauth2/token}, the
 * signing keys at {@code /oauth2/jwks}, the metadata at
 * {@code /.well-known/oauth-authorization-server}, dynamic client registration at
 * {@code /oauth2/register}; health for the launcher; nothing else.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

	private static final Logger LOG = LoggerFactory.getLogger(AuthorizationServerConfiguration.class);

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerChain(HttpSecurity http, IdentitySettings settings, PasswordEncoder encoder,
			AttemptOutcomes outcomes) throws Exception {
		ClientRegistrations registrations = new ClientRegistrations(settings.registration());
		http.oauth2AuthorizationServer((server) -> {
			http.securityMatcher(server.getEndpointsMatcher());
			// Dynamic client registration (RFC 7591) at /oauth2/register, for bearers of
			// an initial access token: an access token with scope client.create. (OpenID
			// Connect's variant requires redirect URIs, which machine clients have none.)
			server.clientRegistrationEndpoint(
					(endpoint) -> endpoint.errorResponseHandler(BearerRefusals.registrationErrors())
						.authenticationProviders((providers) -> providers
							.replaceAll((provider) -> registration(provider, registrations, encoder, settings))));
			// every client-secret check counts for the lock-outs
			server
				.clientAuthentication((clients) -> clients.authenticationSuccessHandler(outcomes.clientAuthenticated())
					.errorResponseHandler(outcomes.clientRefused()));
			// OpenID Connect for the clients that sign users in (the developer portal)
			server.oidc(Customizer.withDefaults());
		})
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			// a browser on its way to sign in is sent to the login form
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers())
				.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
						new NegatedRequestMatcher(browsers())))
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(new BearerRefusals("an initial access token of the registrar (audience "
						+ settings.managementAudience() + ", scope client.create)")));
		return http.build();
	}

	// Millgate's registration: its converters check what may be registered; an initial
	// access token must name identity's management audience (no API token, whatever its
	// scope).
	private static AuthenticationProvider registration(AuthenticationProvider provider,
			ClientRegistrations registrations, PasswordEncoder encoder, IdentitySettings settings) {
		if (!(provider instanceof OAuth2ClientRegistrationAuthenticationProvider registration)) {
			return provider;
		}
		registration.setRegisteredClientConverter(registrations.toClient());
		registration.setClientRegistrationConverter(registrations.toRegistration());
		registration.setPasswordEncoder(encoder);
		// scopes are checked against the allowed list by the converter
		registration
			.setAuthenticationValidator(OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR
				.andThen(OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_JWK_SET_URI_VALIDATOR));
		return ManagementTokens.atRegistration(registration, settings.managementAudience());
	}

	/**
	 * Checks the tokens this server issued itself: issuer, signature, lifetime. Client
	 * registration and management check the audience on top ({@link ManagementTokens}).
	 * @param keys the signing keys
	 * @param settings the settings
	 * @return the decoder
	 */
	@Bean
	JwtDecoder jwtDecoder(SigningKeys keys, IdentitySettings settings) {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
		NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(settings.issuer()));
		return decoder;
	}

	// Managing registered clients: the registrar's token with scope client.manage and
	// identity's management audience; the revocation list is public (client ids and
	// numbers only) for the gateways.
	@Bean
	@Order(2)
	SecurityFilterChain clientManagementChain(HttpSecurity http, JwtDecoder tokens, IdentitySettings settings)
			throws Exception {
		BearerRefusals refusals = new BearerRefusals(
				"a token of the registrar (audience " + settings.managementAudience() + ", scope client.manage)");
		http.securityMatcher("/oauth2/clients/**", "/oauth2/revocations")
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/oauth2/revocations")
				.permitAll()
				.anyRequest()
				.hasAuthority("SCOPE_client.manage"))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(ManagementTokens.decoder(tokens, settings.managementAudience())))
				.authenticationEntryPoint(refusals)
				.accessDeniedHandler(refusals));
		return http.build();
	}

	// The login form of sign-in (with CSRF protection, every outcome counted for the
	// lock-outs), health for the launcher; nothing else.
	@Bean
	@Order(3)
	SecurityFilterChain everythingElseChain(HttpSecurity http, AttemptOutcomes outcomes) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.anyRequest()
			.denyAll())
			// the form's own handlers, counted: a failure handler set on the form itself
			// would take away the login page's "bad credentials" message
			.formLogin((login) -> login.permitAll()
				.withObjectPostProcessor(new ObjectPostProcessor<UsernamePasswordAuthenticationFilter>() {
					@Override
					public <O extends UsernamePasswordAuthenticationFilter> O postProcess(O form) {
						form.setAuthenticationSuccessHandler(
								outcomes.signedIn(new SavedRequestAwareAuthenticationSuccessHandler()));
						form.setAuthenticationFailureHandler(
								outcomes.signInFailed(new SimpleUrlAuthenticationFailureHandler("/login?error")));
						return form;
					}
				}))
			// browsers go to the login form; machines get 401, not a redirect (an entry
			// point of its own would switch off the generated login page)
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
						new NegatedRequestMatcher(browsers()))
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), browsers()));
		return http.build();
	}

	// Requests that ask for HTML by name (a browser); "*/*" and no Accept are machines.
	private static MediaTypeRequestMatcher browsers() {
		MediaTypeRequestMatcher html = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return html;
	}

	/**
	 * The people who sign in, from the configuration; passwords kept as hashes only.
	 * @param settings the settings
	 * @param encoder hashes the passwords
	 * @return the users
	 */
	@Bean
	UserDetailsService users(IdentitySettings settings, PasswordEncoder encoder) {
		return new InMemoryUserDetailsManager(settings.users()
			.stream()
			.map((user) -> User.withUsername(user.username())
				.password(encoder.encode(user.password()))
				.authorities(user.roles().stream().map((role) -> "ROLE_" + role).toArray(String[]::new))
				.build())
			.toList());
	}

	@Bean
	OAuth2AuthorizationService authorizations() {
		return new InitialAccessTokens(Clock.systemUTC());
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	ClientDirectory clientDirectory(JdbcClient jdbc, PasswordEncoder encoder, IdentitySettings settings) {
		return new ClientDirectory(jdbc, encoder, settings.tokenTimeToLive());
	}

	// The configured clients are registered once the schema is migrated, before the
	// service reports ready.
	@Bean
	ApplicationRunner registerConfiguredClients(ClientDirectory clients, IdentitySettings settings) {
		return (arguments) -> {
			List<String> removed = clients.register(settings.clients());
			if (!removed.isEmpty()) {
				LOG.warn("Clients no longer configured were removed: {}", removed);
			}
			LOG.info("Issuer {}: {} client(s) configured; access tokens valid for {}", settings.issuer(),
					settings.clients().size(), settings.tokenTimeToLive());
		};
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(IdentitySettings settings) {
		return AuthorizationServerSettings.builder().issuer(settings.issuer()).build();
	}

	@Bean
	SigningKeys signingKeys(JdbcClient jdbc, IdentitySettings settings) {
		return new SigningKeys(jdbc, Clock.systemUTC(), settings.keyRotation());
	}

	// Millgate's claims on every access token, the audiences, and the default scopes.
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> millgateClaims(ClientDirectory clients, SigningKeys keys,
			IdentitySettings settings) {
		return new MillgateClaims(clients, keys, settings);
	}

}
