package org.millgate.erp.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How to reach the ERP and how to protect it, bound under {@code millgate.erp}.
 *
 * @param baseUrl the ERP's base URL, e.g. {@code https://s4.example.com:44300}; the
 * embedded simulator by default
 * @param release the ERP release, which decides entity set, field and action names:
 * {@code 2020}, {@code 2022} or {@code 2023}
 * @param sapClient the SAP client (mandant), sent as {@code sap-client} on every call
 * @param sapLanguage the logon language, two letters (ISO 639-1, e.g. {@code EN}), sent
 * as the {@code sap-language} URL parameter (which SAP's ICF reads before anything else)
 * and as {@code Accept-Language}; unset, the ERP takes the technical user's own language
 * @param auth how to authenticate
 * @param tls the trust store that says which ERP certificates to trust, and the key store
 * with the client certificate for mutual TLS
 * @param timeouts time limits per call
 * @param retry retries of reads (writes are never retried)
 * @param circuitBreaker when to stop calling a failing ERP
 * @param bulkhead how many calls may run at once (protects the ERP)
 * @param cache how long reads are reused
 * @param verifyMetadata whether to compare the ERP's {@code $metadata} with the release
 * at start and refuse to start on a mismatch
 * @param units SAP unit codes mapped to UN/ECE Rec 20 codes, added to the built-in table
 * (e.g. {@code ZBX: BX})
 * @param conflictCodes the ERP message codes (class/number) of refusals that are state
 * conflicts (the order is locked, not released, already closed): answered 409 instead of
 * 422; the defaults are the simulator's, add your system's
 */
@Validated
@ConfigurationProperties("millgate.erp")
public record ErpProperties(@DefaultValue("http://localhost:8089") @NotNull URI baseUrl,
		@DefaultValue("2022") @Pattern(regexp = "2020|2022|2023") String release,
		@DefaultValue("100") @Pattern(regexp = "[0-9]{3}") String sapClient,
		@Pattern(regexp = "[A-Za-z]{2}") String sapLanguage, @DefaultValue @Valid Auth auth,
		@DefaultValue @Valid Tls tls, @DefaultValue @Valid Timeouts timeouts, @DefaultValue @Valid Retry retry,
		@DefaultValue @Valid CircuitBreaker circuitBreaker, @DefaultValue @Valid Bulkhead bulkhead,
		@DefaultValue @Valid Cache cache, @DefaultValue("true") boolean verifyMetadata, Map<String, String> units,
		@DefaultValue( {
				"RU/101", "CO/000" }) Set<String> conflictCodes){

	public ErpProperties {
		units = (units != null) ? Map.copyOf(units) : Map.of();
		conflictCodes = (conflictCodes != null) ? Set.copyOf(conflictCodes) : Set.of();
	}

	/**
	 * How the ERP is reached and how it is authenticated to, resolved from the settings:
	 * an explicit {@code auth.mode}, else OAuth2 when a token URI is set, mutual TLS when
	 * a key store is set, basic authentication otherwise.
	 * @return the mode
	 * @throws IllegalStateException when the settings are ambiguous or incomplete, naming
	 * what to set
	 */
	public Auth.Mode authMode() {
		return AuthModes.resolve(auth(), tls());
	}

	/**
	 * Authentication toward the ERP: basic, OAuth2 client credentials (SAP BTP, S/4HANA
	 * Cloud communication arrangements, or an API management layer), or an X.509 client
	 * certificate (mutual TLS, with {@code tls.key-store}).
	 *
	 * @param mode {@code basic}, {@code oauth2} or {@code mtls}
	 * ({@code MILLGATE_ERP_AUTH_MODE}); unset, it follows from what is set: a token URI
	 * means oauth2, a key store mtls, neither basic; both refuse to start
	 * @param user the basic-auth user ({@code MILLGATE_ERP_AUTH_USER})
	 * @param password the basic-auth password; set it through the environment
	 * ({@code MILLGATE_ERP_AUTH_PASSWORD}), never in a committed file. Without user and
	 * password, the ERP simulator's demo credentials are used, but only toward an ERP on
	 * this machine (loopback): they are never sent to another host
	 * @param tokenUri the OAuth2 token endpoint ({@code MILLGATE_ERP_AUTH_TOKENURI}),
	 * e.g. {@code https://s4.example.com:44300/sap/bc/sec/oauth2/token}
	 * @param clientId the OAuth2 client id ({@code MILLGATE_ERP_AUTH_CLIENTID})
	 * @param clientSecret the OAuth2 client secret
	 * ({@code MILLGATE_ERP_AUTH_CLIENTSECRET}, from the environment only)
	 * @param scope the OAuth2 scope to ask for, or null
	 */
	public record Auth(Mode mode, String user, String password, URI tokenUri, String clientId, String clientSecret,
			String scope) {

		/** How to authenticate. */
		public enum Mode {

			/** HTTP basic authentication with a communication (technical) user. */
			BASIC,

			/** A bearer token from OAuth2 client credentials. */
			OAUTH2,

			/**
			 * An X.509 client certificate in the TLS handshake; no Authorization header.
			 */
			MTLS

		}

		@Override
		public String toString() {
			// never the password nor the secret, whoever prints the settings
			return "Auth[mode=" + this.mode + ", user=" + this.user + ", password=" + masked(this.password)
					+ ", tokenUri=" + this.tokenUri + ", clientId=" + this.clientId + ", clientSecret="
					+ masked(this.clientSecret) + ", scope=" + this.scope + "]";
		}

		/** The ERP simulator's demo user and password, for an ERP on loopback only. */
		static final String DEMO = "millgate";

		/**
		 * The basic-auth user and password to send to an ERP.
		 * @param erp the ERP's base URL
		 * @return {@code user:password}
		 * @throws IllegalStateException when none are configured and the ERP is not on
		 * this machine
		 */
		public String basicCredentials(URI erp) {
			boolean userSet = user() != null && !user().isBlank();
			if (userSet && password() != null) {
				return user() + ":" + password();
			}
			if (isLoopback(erp)) {
				// what is set is kept; only what is missing is the simulator's
				return (userSet ? user() : DEMO) + ":" + ((password() != null) ? password() : DEMO);
			}
			throw new IllegalStateException("No credentials for the ERP at " + erp
					+ ": set MILLGATE_ERP_AUTH_USER and MILLGATE_ERP_AUTH_PASSWORD (or MILLGATE_ERP_AUTH_TOKENURI "
					+ "with a client id and secret); the simulator's demo credentials are sent to an ERP on this "
					+ "machine only");
		}

		static boolean isLoopback(URI erp) {
			String host = erp.getHost();
			if (host == null) {
				return false;
			}
			String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
			return bare.equalsIgnoreCase("localhost") || bare.startsWith("127.") || bare.equals("::1")
					|| bare.equals("0:0:0:0:0:0:0:1");
		}

	}

	/**
	 * TLS toward the ERP (and its token endpoint). Without a trust store the JDK's
	 * default certificate authorities are trusted; with one, only what it holds.
	 *
	 * @param trustStore the trust store file (PKCS12 or JKS) with the certificate of the
	 * ERP or of the authority that signed it ({@code MILLGATE_ERP_TLS_TRUSTSTORE})
	 * @param trustStorePassword its password
	 * ({@code MILLGATE_ERP_TLS_TRUSTSTOREPASSWORD}, from the environment only)
	 * @param trustStoreType {@code PKCS12} or {@code JKS}
	 * @param keyStore the key store file (PKCS12) with the client certificate and its
	 * private key, for {@code auth.mode=mtls} ({@code MILLGATE_ERP_TLS_KEYSTORE}); it
	 * holds exactly one private key
	 * @param keyStorePassword its password, which also opens the key
	 * ({@code MILLGATE_ERP_TLS_KEYSTOREPASSWORD}, from the environment only)
	 * @param keyStoreType {@code PKCS12} or {@code JKS}
	 */
	public record Tls(String trustStore, String trustStorePassword,
			@DefaultValue("PKCS12") @Pattern(regexp = "PKCS12|JKS") String trustStoreType, String keyStore,
			String keyStorePassword, @DefaultValue("PKCS12") @Pattern(regexp = "PKCS12|JKS") String keyStoreType) {

		@Override
		public String toString() {
			return "Tls[trustStore=" + this.trustStore + ", trustStorePassword=" + masked(this.trustStorePassword)
					+ ", trustStoreType=" + this.trustStoreType + ", keyStore=" + this.keyStore + ", keyStorePassword="
					+ masked(this.keyStorePassword) + ", keyStoreType=" + this.keyStoreType + "]";
		}

	}

	private static String masked(String secret) {
		return (secret != null) ? "******" : null;
	}

	/**
	 * Time limits.
	 *
	 * @param connect to open a connection
	 * @param read for a read, per attempt
	 * @param write for a write (the ERP may still have booked it after this)
	 */
	public record Timeouts(@DefaultValue("2s") Duration connect, @DefaultValue("5s") Duration read,
			@DefaultValue("10s") Duration write) {

	}

	/**
	 * Retries of reads, with exponential backoff and jitter.
	 *
	 * @param maxAttempts attempts in all, 1 for none
	 * @param initialBackoff the first wait
	 * @param maxBackoff the longest wait
	 * @param jitter the random share of each wait, 0 to 1
	 */
	public record Retry(@DefaultValue("3") @Min(1) @Max(10) int maxAttempts,
			@DefaultValue("200ms") Duration initialBackoff, @DefaultValue("2s") Duration maxBackoff,
			@DefaultValue("0.5") @DecimalMin("0") @DecimalMax("1") double jitter) {

	}

	/**
	 * The circuit breaker.
	 *
	 * @param failureRateThreshold failure percentage that opens it
	 * @param slidingWindow calls it looks back on
	 * @param minimumCalls calls before it judges
	 * @param openFor how long it stays open before trying again
	 * @param halfOpenCalls trial calls while half open
	 */
	public record CircuitBreaker(@DefaultValue("50") @Min(1) @Max(100) int failureRateThreshold,
			@DefaultValue("20") @Min(1) int slidingWindow, @DefaultValue("10") @Min(1) int minimumCalls,
			@DefaultValue("10s") Duration openFor, @DefaultValue("3") @Min(1) int halfOpenCalls) {

	}

	/**
	 * The bulkhead: a cap on concurrent ERP calls, so that a burst of consumers cannot
	 * overload the ERP. Calls beyond the cap wait in line, without holding a thread.
	 *
	 * @param maxConcurrentCalls calls in flight at most
	 * @param maxQueued calls waiting at most; more fail at once as unavailable
	 * @param maxWait how long a call waits for a free slot before it fails as unavailable
	 */
	public record Bulkhead(@DefaultValue("16") @Min(1) @Max(1000) int maxConcurrentCalls,
			@DefaultValue("256") @Min(0) int maxQueued, @DefaultValue("2s") Duration maxWait) {

	}

	/**
	 * Reuse of reads.
	 *
	 * @param masterData how long material master data is reused
	 * @param stock how long a stock or reservation read is reused (identical concurrent
	 * reads always share one call)
	 */
	public record Cache(@DefaultValue("10m") Duration masterData, @DefaultValue("2s") Duration stock) {

	}

}
