package org.millgate.product.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Strong entity tags of a product's answers (RFC 9110): a digest of the representation,
 * so the tag changes whenever any part of it changes. A controller that answers a GET
 * with {@code ResponseEntity.ok().eTag(EntityTags.of(...))} gets {@code If-None-Match}
 * handled by WebFlux: an unchanged answer is {@code 304 Not Modified} without a body.
 */
public final class EntityTags {

	private static final int DIGEST_BYTES = 12;

	private EntityTags() {
	}

	/**
	 * The tag of a representation.
	 * @param prefix what the tag names, e.g. {@code sh-80000001}
	 * @param representation the answer's body as built (maps, lists and values, whose
	 * text form is stable)
	 * @return the quoted tag, e.g. {@code "sh-80000001-3f1c9a2e6b7d4e0a9c510d2f"}
	 */
	public static String of(String prefix, Object representation) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(String.valueOf(representation).getBytes(StandardCharsets.UTF_8));
			return "\"" + prefix + "-" + HexFormat.of().formatHex(digest, 0, DIGEST_BYTES) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
