package org.millgate.identity;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * Counts the outcome of each password and client-secret check for
 * {@link FailureLockouts}: a wrong password or an unknown user at the login form, and a
 * wrong secret or an unknown client where clients authenticate, count as failures; a
 * success forgets them. Each handler then answers as the one it stands for would.
 */
final class AttemptOutcomes {

	private final HttpMessageConverter<OAuth2Error> errors = new OAuth2ErrorHttpMessageConverter();

	private final FailureLockouts lockouts;

	AttemptOutcomes(FailureLockouts lockouts) {
		this.lockouts = lockouts;
	}

	/**
	 * At the login form, on success.
	 * @param then what answers a success
	 * @return the handler
	 */
	AuthenticationSuccessHandler signedIn(AuthenticationSuccessHandler then) {
		return (request, response, authentication) -> {
			succeeded(request);
			then.onAuthenticationSuccess(request, response, authentication);
		};
	}

	/**
	 * At the login form, on failure.
	 * @param then what answers a failure
	 * @return the handler
	 */
	AuthenticationFailureHandler signInFailed(AuthenticationFailureHandler then) {
		return (request, response, failure) -> {
			if (failure instanceof BadCredentialsException) {
				failed(request);
			}
			then.onAuthenticationFailure(request, response, failure);
		};
	}

	/**
	 * Where a client authenticated: the authenticated client is the request's security
	 * context (what Spring Authorization Server does by default).
	 * @return the handler
	 */
	AuthenticationSuccessHandler clientAuthenticated() {
		return (request, response, authentication) -> {
			succeeded(request);
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(authentication);
			SecurityContextHolder.setContext(context);
		};
	}

	/**
	 * Where a client failed to authenticate: 401 {@code invalid_client} (other errors
	 * 400), as Spring Authorization Server answers by default.
	 * @return the handler
	 */
	AuthenticationFailureHandler clientRefused() {
		return (request, response, failure) -> {
			SecurityContextHolder.clearContext();
			OAuth2Error error = (failure instanceof OAuth2AuthenticationException oauth) ? oauth.getError()
					: new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
			boolean invalidClient = OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode());
			if (invalidClient) {
				failed(request);
			}
			ServletServerHttpResponse answer = new ServletServerHttpResponse(response);
			answer.setStatusCode(invalidClient ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST);
			// the code only: the description might tell an unknown client from a wrong
			// secret
			this.errors.write(new OAuth2Error(error.getErrorCode()), null, answer);
		};
	}

	private void failed(HttpServletRequest request) {
		this.lockouts.failed(AttemptGuard.nameOf(request), request.getRemoteAddr());
	}

	private void succeeded(HttpServletRequest request) {
		this.lockouts.succeeded(AttemptGuard.nameOf(request), request.getRemoteAddr());
	}

}
