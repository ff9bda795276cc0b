package org.millgate.identity;

import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the identity service, bound under {@code millgate.identity}.
 *
 * @param issuer the issuer named in every token; products trust exactly this value
 * @param audience the audience of every access token for the APIs (the products and the
 * gateway accept no other)
 * @param managementAudience the audience of the registrar's tokens (scopes
 * {@code client.*}): identity's client registration and management accept only tokens
 * naming it, and the APIs refuse them, since they do not name {@link #audience}
 * @param tokenTimeToLive how long an access token is valid
 * @param keyRotation how long a signing key signs before a new one replaces it (the
 * previous one stays published until the next rotation)
 * @param clients the registered clients (the demo clients live in the {@code demo}
 * profile only)
 * @param registration what clients registered dynamically (by a registrar such as the
 * developer portal) may ask for
 * @param users the people who sign in to clients that sign users in (the developer
 * portal); the demo users live in the {@code demo} profile only
 * @param attempts the limits on sign-in and token requests against credential stuffing
 */
@Validated
@ConfigurationProperties("millgate.identity")
public record IdentitySettings(@DefaultValue("http://localhost:9000") @NotBlank String issuer,
		@DefaultValue("millgate-api") @NotBlank String audience,
		@DefaultValue("millgate-identity") @NotBlank String managementAudience,
		@DefaultValue("15m") Duration tokenTimeToLive, @DefaultValue("30d") Duration keyRotation,
		List<@Valid Client> clients, @Valid Registration registration, List<@Valid User> users,
		@DefaultValue @Valid Attempts attempts) {

	public IdentitySettings {
		if (keyRotation.compareTo(tokenTimeToLive) <= 0) {
			throw new IllegalArgumentException(
					"millgate.identity.key-rotation (" + keyRotation + ") must be longer than token-time-to-live ("
							+ tokenTimeToLive + "), or tokens would outlive the keys that check them");
		}
		clients = (clients != null) ? List.copyOf(clients) : List.of();
		registration = (registration != null) ? registration : new Registration(List.of(), List.of());
		users = (users != null) ? List.copyOf(users) : List.of();
		if (audience.equals(managementAudience)) {
			throw new IllegalArgumentException("millgate.identity.management-audience must differ from audience ("
					+ audience + "), or the registrar's tokens would be accepted by the APIs and API tokens here");
		}
	}

	/**
	 * A person who signs in.
	 *
	 * @param username the user name
	 * @param password the password, as configured (kept only as a hash)
	 * @param roles {@code partner}, {@code api-owner} or {@code operations} (integration
	 * operations: the people who watch the platform and resolve reconciliation
	 * mismatches)
	 * @param partnerId the partner a {@code partner} works for
	 */
	public record User(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9.-]{2,63}") String username,
			@NotBlank String password, @NotEmpty List<@Pattern(regexp = "partner|api-owner|operations") String> roles,
			String partnerId) {

		public User {
			roles = List.copyOf(roles);
			if (roles.contains("partner") && (partnerId == null || partnerId.isBlank())) {
				throw new IllegalArgumentException("user " + username + " is a partner but names no partner-id");
			}
		}

	}

	/**
	 * What dynamically registered clients may ask for.
	 *
	 * @param scopes the scopes they may be given
	 * @param plans the plans they may be on
	 */
	public record Registration(List<String> scopes, List<String> plans) {

		public Registration {
			scopes = (scopes != null) ? List.copyOf(scopes) : List.of();
			plans = (plans != null) ? List.copyOf(plans) : List.of();
			for (String scope : scopes) {
				if (Client.managesClients(scope) || Client.SIGN_IN_SCOPES.contains(scope)) {
					throw new IllegalArgumentException("millgate.identity.registration.scopes may name API scopes "
							+ "only, not '" + scope + "': registered clients are machine clients of the APIs");
				}
			}
		}

	}

	/**
	 * A configured client. A client with {@code redirectUris} signs people in (OpenID
	 * Connect's authorization-code grant with PKCE, scopes {@code openid} and
	 * {@code profile} only); any other is a machine client with the client-credentials
	 * grant. A registrar's client-management scopes ({@code client.*}) go to a machine
	 * client of their own, with no API scope beside them: its tokens are for identity,
	 * not for the APIs.
	 *
	 * @param id the client id
	 * @param secret its secret, as configured (stored hashed)
	 * @param scopes the scopes it may ask for
	 * @param plants the plants whose data it may see; empty for none (partners)
	 * @param partnerId the partner it acts for, or null
	 * @param plan its throttling plan in the catalog
	 * @param redirectUris for a client that signs users in: where the authorization-code
	 * grant (with PKCE) may return to; empty for machine clients
	 */
	public record Client(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,63}") String id, @NotBlank String secret,
			@NotEmpty List<String> scopes, List<String> plants, String partnerId, @NotBlank String plan,
			List<String> redirectUris) {

		/**
		 * The only scopes of a client that signs people in.
		 */
		public static final List<String> SIGN_IN_SCOPES = List.of("openid", "profile");

		/**
		 * What the scopes of identity's own client management start with.
		 */
		public static final String MANAGEMENT_SCOPE_PREFIX = "client.";

		public Client {
			scopes = List.copyOf(scopes);
			plants = (plants != null) ? List.copyOf(plants) : List.of();
			redirectUris = (redirectUris != null) ? List.copyOf(redirectUris) : List.of();
			if (!redirectUris.isEmpty() && !SIGN_IN_SCOPES.containsAll(scopes)) {
				throw new IllegalArgumentException("client " + id + " signs people in (it has redirect-uris), so its "
						+ "scopes are " + SIGN_IN_SCOPES + " or fewer, not " + scopes
						+ "; give client management or API scopes to a client-credentials client of their own");
			}
			boolean manages = scopes.stream().anyMatch(Client::managesClients);
			if (manages && !scopes.stream().allMatch(Client::managesClients)) {
				throw new IllegalArgumentException("client " + id + " mixes client-management scopes with others "
						+ scopes + "; a registrar's tokens are for identity only, so give it client.* scopes alone");
			}
		}

		/**
		 * Whether this client signs people in rather than calling with its own
		 * credentials.
		 * @return whether it has redirect URIs
		 */
		public boolean signsPeopleIn() {
			return !this.redirectUris.isEmpty();
		}

		/**
		 * Whether a scope is one of identity's client-management scopes.
		 * @param scope the scope
		 * @return whether it starts with {@code client.}
		 */
		public static boolean managesClients(String scope) {
			return scope.startsWith(MANAGEMENT_SCOPE_PREFIX);
		}

	}

	/**
	 * Limits against credential stuffing at {@code POST /login} and the endpoints where
	 * clients authenticate ({@code POST /oauth2/token} and its siblings). Kept in this
	 * instance's memory.
	 *
	 * @param addressBurst how many such requests one client address may make at once
	 * @param addressPerMinute how many more it may make per minute after that (its bucket
	 * refills at this rate)
	 * @param lockAfter consecutive failures of one user name or client id from one
	 * address after which that pair is locked out
	 * @param lockEverywhereAfter consecutive failures of one user name or client id from
	 * all addresses together after which it is locked out everywhere; much higher than
	 * {@code lockAfter}, so that one address cannot lock a known user out
	 * @param lockout how long the first lock-out lasts; each further one lasts twice as
	 * long as the one before
	 * @param maxLockout the longest a lock-out lasts
	 * @param forgetAfter failures are forgotten after this long without another (a
	 * success forgets them at once)
	 * @param maxTracked how many addresses, and how many names, are tracked at most; the
	 * quietest are forgotten first beyond that
	 */
	public record Attempts(@DefaultValue("60") @Positive int addressBurst,
			@DefaultValue("60") @Positive int addressPerMinute, @DefaultValue("5") @Positive int lockAfter,
			@DefaultValue("50") @Positive int lockEverywhereAfter, @DefaultValue("1m") Duration lockout,
			@DefaultValue("15m") Duration maxLockout, @DefaultValue("24h") Duration forgetAfter,
			@DefaultValue("100000") @Positive int maxTracked) {

		public Attempts {
			if (lockEverywhereAfter <= lockAfter) {
				throw new IllegalArgumentException("millgate.identity.attempts.lock-everywhere-after ("
						+ lockEverywhereAfter + ") must be higher than lock-after (" + lockAfter
						+ "), or one address could lock a known user out everywhere");
			}
			if (lockout.isNegative() || lockout.isZero() || maxLockout.compareTo(lockout) < 0) {
				throw new IllegalArgumentException("millgate.identity.attempts.lockout (" + lockout
						+ ") must be positive and no longer than max-lockout (" + maxLockout + ")");
			}
		}

	}

}
