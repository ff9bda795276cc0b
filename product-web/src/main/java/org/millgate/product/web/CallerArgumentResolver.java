package org.millgate.product.web;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.contracts.access.Caller;

/**
 * Gives a controller method the {@link Caller} of the request, read from its verified
 * token: controllers and the application below them see a plain record, never Spring
 * Security's types.
 */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	private final ObjectProvider<TrustedIssuers> issuers;

	CallerArgumentResolver(ObjectProvider<TrustedIssuers> issuers) {
		this.issuers = issuers;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Caller.class.equals(parameter.getParameterType());
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((principal) -> (Object) caller(((JwtAuthenticationToken) principal).getToken()))
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(
					"No verified token for " + parameter.getMethod() + "; is the operation in the contract?")));
	}

	// by its issuer's claim mapping
	private Caller caller(Jwt jwt) {
		TrustedIssuers trusted = this.issuers.getIfAvailable();
		return (trusted != null) ? trusted.caller(jwt) : Caller.fromClaims(jwt.getClaims(), null);
	}

}
