package org.millgate.identity;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The RS256 signing keys, kept in the database so that tokens outlive a restart and every
 * instance signs with the same key. The newest key signs; the newest two are published,
 * so tokens signed with the previous key stay valid after a rotation until they expire. A
 * key older than the rotation period is replaced at the next use; keys are re-read once a
 * minute to pick up another instance's rotation.
 */
final class SigningKeys implements JWKSource<SecurityContext> {

	private static final Duration REREAD = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration rotateAfter;

	private List<Stored> keys = List.of();

	private Instant readAt = Instant.MIN;

	SigningKeys(JdbcClient jdbc, Clock clock, Duration rotateAfter) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.rotateAfter = rotateAfter;
	}

	/**
	 * The key that signs now, made when there is none or the newest is due for rotation.
	 * @return the key pair
	 */
	synchronized RSAKey current() {
		Instant now = this.clock.instant();
		if (this.keys.isEmpty() || now.isAfter(this.readAt.plus(REREAD)) || due(now)) {
			read(now);
			if (this.keys.isEmpty() || due(now)) {
				create(now);
				read(now);
			}
		}
		return this.keys.get(0).key();
	}

	/**
	 * The keys published at the JWKS endpoint: the current and the previous one.
	 * @return the key pairs, newest first (the endpoint publishes their public parts)
	 */
	synchronized List<JWK> published() {
		current();
		return this.keys.stream().limit(2).map((stored) -> (JWK) stored.key()).toList();
	}

	@Override
	public List<JWK> get(JWKSelector selector, SecurityContext context) {
		return selector.select(new JWKSet(published()));
	}

	private boolean due(Instant now) {
		return !this.keys.isEmpty() && !now.isBefore(this.keys.get(0).createdAt().plus(this.rotateAfter));
	}

	private void read(Instant now) {
		this.keys = this.jdbc
			.sql("SELECT generation, created_at, jwk FROM signing_key ORDER BY generation DESC LIMIT 2")
			.query((row, number) -> new Stored(row.getInt("generation"), row.getTimestamp("created_at").toInstant(),
					parse(row.getString("jwk"))))
			.list();
		this.readAt = now;
	}

	private void create(Instant now) {
		RSAKey key = generate();
		int generation = this.keys.isEmpty() ? 1 : this.keys.get(0).generation() + 1;
		try {
			this.jdbc.sql("INSERT INTO signing_key (kid, generation, created_at, jwk) VALUES (?, ?, ?, ?)")
				.params(key.getKeyID(), generation, Timestamp.from(now), key.toJSONString())
				.update();
		}
		catch (DuplicateKeyException ex) {
			// Another instance rotated first: its key is read next and used by all.
		}
	}

	private static RSAKey generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA is not available", ex);
		}
	}

	private static RSAKey parse(String json) {
		try {
			return RSAKey.parse(json);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("a stored signing key cannot be read", ex);
		}
	}

	private record Stored(int generation, Instant createdAt, RSAKey key) {

	}

}
