package org.millgate.portal.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: a secret is {@code whsec_} and 32 random bytes in base64;
 * a delivery is signed with HMAC-SHA256 over
 * {@code <webhook-id>.<webhook-timestamp>.<body>} and the signature sent as
 * {@code v1,<base64>} in {@code webhook-signature}, one per secret in force, separated by
 * spaces.
 */
public final class Signatures {

	static final String PREFIX = "whsec_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private Signatures() {
	}

	/**
	 * A new secret.
	 * @return {@code whsec_} and 32 random bytes in base64
	 */
	public static String newSecret() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/**
	 * The {@code webhook-signature} header of a delivery.
	 * @param secrets the secrets in force (the current one first)
	 * @param id the {@code webhook-id}
	 * @param timestamp the {@code webhook-timestamp} (seconds since the epoch)
	 * @param body the body as sent
	 * @return {@code v1,<signature>} per secret, separated by spaces
	 */
	public static String header(List<String> secrets, String id, long timestamp, String body) {
		return secrets.stream()
			.map((secret) -> "v1," + sign(secret, id, timestamp, body))
			.collect(Collectors.joining(" "));
	}

	static String sign(String secret, String id, long timestamp, String body) {
		String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
			byte[] signature = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(signature);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
