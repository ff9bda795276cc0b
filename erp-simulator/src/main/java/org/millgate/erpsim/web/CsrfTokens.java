package org.millgate.erpsim.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CSRF tokens per session, as SAP Gateway hands them out on {@code X-CSRF-Token: Fetch}.
 */
public final class CsrfTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, String> bySession = new ConcurrentHashMap<>();

	/**
	 * A new session id, for the session cookie.
	 * @return the id
	 */
	public String newSession() {
		return random(24);
	}

	/**
	 * The session's token, created on first fetch.
	 * @param session the session id
	 * @return the token
	 */
	public String fetch(String session) {
		return this.bySession.computeIfAbsent(session, (id) -> random(18));
	}

	/**
	 * Whether a token is the one of the session.
	 * @param session the session id, or null
	 * @param token the token sent, or null
	 * @return true when both match a live token
	 */
	public boolean valid(String session, String token) {
		return session != null && token != null && token.equals(this.bySession.get(session));
	}

	/**
	 * Forgets every token, as when they expire on the server.
	 */
	public void expireAll() {
		this.bySession.clear();
	}

	private static String random(int bytes) {
		byte[] value = new byte[bytes];
		RANDOM.nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

}
