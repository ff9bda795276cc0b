package org.millgate.web;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.server.ServerWebExchange;

/**
 * Correlation of a request, the same at the gateway and in every product: the caller's
 * {@code X-Correlation-Id} when it is what the contracts allow (8 to 128 letters, digits,
 * dots, underscores, colons or dashes), otherwise a new one; the caller's W3C
 * {@code traceparent} continued with a new span for this hop, or a new trace when it is
 * missing or malformed. Bad values are replaced, never refused.
 */
public final class Correlation {

	public static final String HEADER = "X-Correlation-Id";

	public static final String TRACEPARENT = "traceparent";

	/** The exchange attribute holding the request's correlation id. */
	public static final String ID_ATTRIBUTE = "millgate.correlationId";

	/** The exchange attribute holding the request's trace id. */
	public static final String TRACE_ID_ATTRIBUTE = "millgate.traceId";

	/**
	 * What the contracts allow for {@code X-Correlation-Id}, in requests and responses.
	 */
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

	private static final Pattern TRACE = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

	private static final String ZERO_TRACE = "0".repeat(32);

	private static final String ZERO_SPAN = "0".repeat(16);

	private Correlation() {
	}

	/**
	 * The correlation id of a request.
	 * @param offered the caller's header value, or null
	 * @return it when the contracts allow it, otherwise a new one
	 */
	public static String idFrom(String offered) {
		return (offered != null && ID.matcher(offered).matches()) ? offered : newId();
	}

	/**
	 * A random (version 4) UUID from the thread's fast generator: correlation ids name
	 * requests, they guard nothing, so the locked {@code SecureRandom} of
	 * {@link UUID#randomUUID()} is not worth its cost on every request.
	 * @return a new id
	 */
	public static String newId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least).toString();
	}

	/**
	 * The trace parent of this hop.
	 * @param offered the caller's header value, or null
	 * @return the caller's trace and flags with a new span id, or a new sampled trace
	 * when the value is missing or malformed
	 */
	public static String continueTrace(String offered) {
		if (offered != null) {
			Matcher matcher = TRACE.matcher(offered);
			if (matcher.matches() && !ZERO_TRACE.equals(matcher.group(1)) && !ZERO_SPAN.equals(matcher.group(2))) {
				return "00-" + matcher.group(1) + "-" + randomHex(8) + "-" + matcher.group(3);
			}
		}
		return "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
	}

	/**
	 * Records the correlation of an exchange.
	 * @param exchange the exchange
	 * @param id its correlation id
	 * @param traceparent its trace parent
	 */
	public static void bind(ServerWebExchange exchange, String id, String traceparent) {
		exchange.getAttributes().put(ID_ATTRIBUTE, id);
		exchange.getAttributes().put(TRACE_ID_ATTRIBUTE, traceparent.substring(3, 35));
	}

	/**
	 * The correlation id of an exchange.
	 * @param exchange the exchange
	 * @return its id, or null before correlation
	 */
	public static String id(ServerWebExchange exchange) {
		return exchange.getAttribute(ID_ATTRIBUTE);
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		do {
			ThreadLocalRandom.current().nextBytes(random);
		}
		while (allZero(random));
		return HexFormat.of().formatHex(random);
	}

	private static boolean allZero(byte[] bytes) {
		for (byte b : bytes) {
			if (b != 0) {
				return false;
			}
		}
		return true;
	}

}
