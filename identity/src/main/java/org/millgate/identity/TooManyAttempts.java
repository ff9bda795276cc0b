package org.millgate.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The answer to an attempt refused by {@link AttemptGuard}: 429 with {@code Retry-After}
 * (whole seconds), as an RFC 9457 problem ({@code auth.tooManyAttempts}) for machines and
 * as a page that says when to try again for a browser at the login form.
 */
final class TooManyAttempts {

	static final String CODE = "auth.tooManyAttempts";

	static final String TYPE = "https://millgate.dev/problems/too-many-attempts";

	static final String TITLE = "Too many attempts";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private TooManyAttempts() {
	}

	/**
	 * Answers 429.
	 * @param request the refused request
	 * @param response its response
	 * @param wait how long until an attempt may go through again
	 * @param why which limit was reached, as a sentence without the time
	 * @throws IOException when the answer cannot be written
	 */
	static void answer(HttpServletRequest request, HttpServletResponse response, Duration wait, String why)
			throws IOException {
		long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
		String detail = why + "; try again in " + inWords(seconds) + ".";
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		byte[] body;
		if (AttemptGuard.SIGN_IN.equals(AttemptGuard.path(request)) && asksForHtml(request)) {
			response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
			body = page(detail).getBytes(StandardCharsets.UTF_8);
		}
		else {
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", TYPE);
			problem.put("title", TITLE);
			problem.put("status", HttpStatus.TOO_MANY_REQUESTS.value());
			problem.put("detail", detail);
			problem.put("instance", AttemptGuard.path(request));
			problem.put("code", CODE);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			body = JSON.writeValueAsBytes(problem);
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private static String page(String detail) {
		// the detail is our own text: nothing of the request goes into the page
		return """
				<!DOCTYPE html>
				<html lang="en">
				<head><meta charset="utf-8"><title>Too many sign-in attempts</title></head>
				<body>
				<h1>Too many sign-in attempts</h1>
				<p id="too-many-attempts">%s</p>
				<p><a href="/login">Back to sign-in</a></p>
				</body>
				</html>
				""".formatted(detail);
	}

	private static String inWords(long seconds) {
		if (seconds < 120) {
			return seconds + " seconds";
		}
		return ((seconds + 59) / 60) + " minutes";
	}

	// a browser names text/html; "*/*" and no Accept are machines
	private static boolean asksForHtml(HttpServletRequest request) {
		try {
			List<MediaType> accepted = MediaType
				.parseMediaTypes(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
			return accepted.stream().anyMatch((type) -> type.equalsTypeAndSubtype(MediaType.TEXT_HTML));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
