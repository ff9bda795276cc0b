package org.millgate.contracts.paging;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.millgate.contracts.problems.Rejection;

/**
 * Issues and reads cursors: the position after the last item of a page, bound to the
 * query it was issued for and signed with HMAC-SHA256, base64url encoded. A cursor that
 * was altered, forged, or sent with other filters is refused.
 *
 * <p>
 * The position is a list of values (e.g. last change and id for keyset paging); the query
 * is a stable text of the filters (e.g. {@code plant=1000&status=RELEASED}).
 */
public final class Cursors {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private static final String SEPARATOR = "\u001f";

	private static final int SIGNATURE_BYTES = 16;

	private final SecretKeySpec key;

	/**
	 * Cursors signed with a secret.
	 * @param secret at least 32 bytes; every instance of a service needs the same one
	 */
	public Cursors(byte[] secret) {
		if (secret.length < 32) {
			throw new IllegalArgumentException("a cursor secret needs at least 32 bytes");
		}
		this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
	}

	/**
	 * A cursor for the position after a page.
	 * @param query the filters of the query, as a stable text
	 * @param position the values that mark the position
	 * @return the cursor, matching {@code ^[A-Za-z0-9_-]{1,512}$}
	 */
	public String issue(String query, List<String> position) {
		position.forEach((value) -> {
			if (value.contains(SEPARATOR)) {
				throw new IllegalArgumentException("a position value may not contain the unit separator");
			}
		});
		byte[] payload = String.join(SEPARATOR, position).getBytes(StandardCharsets.UTF_8);
		byte[] signature = sign(query, payload);
		byte[] cursor = new byte[payload.length + SIGNATURE_BYTES];
		System.arraycopy(payload, 0, cursor, 0, payload.length);
		System.arraycopy(signature, 0, cursor, payload.length, SIGNATURE_BYTES);
		String encoded = ENCODER.encodeToString(cursor);
		if (encoded.length() > 512) {
			throw new IllegalArgumentException("the position is too long for a cursor");
		}
		return encoded;
	}

	/**
	 * The position a cursor of a list holds, or the documented refusal.
	 * @param query the filters of the query it is sent with
	 * @param cursor the cursor
	 * @param fields how many values the list's positions have
	 * @return the position's values
	 * @throws Rejection {@code cursor.invalid} when the cursor is malformed, altered, was
	 * issued for other filters or holds another kind of position
	 */
	public List<String> position(String query, String cursor, int fields) {
		return read(query, cursor).filter((values) -> values.size() == fields).orElseThrow(Cursors::invalid);
	}

	/**
	 * The refusal of a cursor this API did not issue for the query it came with.
	 * @return {@code cursor.invalid}
	 */
	public static Rejection invalid() {
		return new Rejection("cursor.invalid",
				"The cursor is not one this API issued for these filters; start again without it.");
	}

	/**
	 * Reads a cursor.
	 * @param query the filters of the query it is sent with
	 * @param cursor the cursor
	 * @return the position, or empty when the cursor is malformed, altered or was issued
	 * for other filters
	 */
	public Optional<List<String>> read(String query, String cursor) {
		byte[] bytes;
		try {
			bytes = DECODER.decode(cursor);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (bytes.length <= SIGNATURE_BYTES) {
			return Optional.empty();
		}
		byte[] payload = Arrays.copyOf(bytes, bytes.length - SIGNATURE_BYTES);
		byte[] signature = Arrays.copyOfRange(bytes, payload.length, bytes.length);
		byte[] expected = Arrays.copyOf(sign(query, payload), SIGNATURE_BYTES);
		if (!MessageDigest.isEqual(signature, expected)) {
			return Optional.empty();
		}
		return Optional.of(List.of(new String(payload, StandardCharsets.UTF_8).split(SEPARATOR, -1)));
	}

	private byte[] sign(String query, byte[] payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			mac.update(query.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return mac.doFinal(payload);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

}
