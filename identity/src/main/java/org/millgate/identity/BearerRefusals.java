package org.millgate.identity;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Refuses a bearer at client registration and management the way these endpoints answer
 * otherwise: the status and {@code WWW-Authenticate} header of RFC 6750, and a JSON body
 * with {@code error} and {@code error_description} saying what the token lacks (the
 * audience, the scope), so that a registrar configured with the wrong client finds out
 * why.
 */
final class BearerRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BearerTokenAuthenticationEntryPoint entryPoint = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler accessDenied = new BearerTokenAccessDeniedHandler();

	private final String expected;

	/**
	 * Refusals that name what is expected.
	 * @param expected the token these endpoints need, in words (for
	 * {@code error_description} when the request has none)
	 */
	BearerRefusals(String expected) {
		this.expected = expected;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		this.entryPoint.commence(request, response, failure);
		if (failure instanceof OAuth2AuthenticationException oauth) {
			write(response, oauth.getError().getErrorCode(), oauth.getError().getDescription());
		}
		else {
			write(response, OAuth2ErrorCodes.INVALID_TOKEN, "No access token: " + this.expected + " is needed");
		}
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		this.accessDenied.handle(request, response, denied);
		write(response, OAuth2ErrorCodes.INSUFFICIENT_SCOPE,
				"The access token lacks the scope for this request: " + this.expected + " is needed");
	}

	/**
	 * The errors of client registration, as Spring Authorization Server answers them
	 * (400, 401 for {@code invalid_token}, 403 for {@code insufficient_scope}), with the
	 * {@code WWW-Authenticate} header RFC 6750 asks for on the latter two.
	 * @return the handler
	 */
	static AuthenticationFailureHandler registrationErrors() {
		return (request, response, failure) -> {
			OAuth2Error error = (failure instanceof OAuth2AuthenticationException oauth) ? oauth.getError()
					: new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, failure.getMessage(), null);
			String code = error.getErrorCode();
			HttpStatus status = switch (code) {
				case OAuth2ErrorCodes.INVALID_TOKEN, OAuth2ErrorCodes.INVALID_CLIENT -> HttpStatus.UNAUTHORIZED;
				case OAuth2ErrorCodes.INSUFFICIENT_SCOPE -> HttpStatus.FORBIDDEN;
				default -> HttpStatus.BAD_REQUEST;
			};
			response.setStatus(status.value());
			if (OAuth2ErrorCodes.INVALID_TOKEN.equals(code) || OAuth2ErrorCodes.INSUFFICIENT_SCOPE.equals(code)) {
				String description = (error.getDescription() != null)
						? ", error_description=\"" + error.getDescription().replace('"', '\'') + "\"" : "";
				response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + code + "\"" + description);
			}
			write(response, code, error.getDescription());
		};
	}

	private static void write(HttpServletResponse response, String error, String description) throws IOException {
		Map<String, String> body = new LinkedHashMap<>();
		body.put("error", (error != null) ? error : OAuth2ErrorCodes.INVALID_TOKEN);
		if (description != null) {
			body.put("error_description", description);
		}
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream().write(JSON.writeValueAsBytes(body));
	}

}
