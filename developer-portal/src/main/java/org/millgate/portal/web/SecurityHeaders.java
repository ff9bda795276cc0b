package org.millgate.portal.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every page: scripts and styles from the portal only (no CDN, no inline script), no
 * framing, no MIME sniffing, no referrer beyond the origin.
 */
@Component
class SecurityHeaders extends OncePerRequestFilter {

	// Swagger UI sets style attributes, hence 'unsafe-inline' for styles (never for
	// scripts); try-it calls go to the gateway.
	private static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; connect-src 'self' %s; frame-ancestors 'none'; form-action 'self'; "
			+ "base-uri 'none'; object-src 'none'";

	private final String policy;

	SecurityHeaders(org.millgate.portal.PortalSettings settings) {
		this.policy = POLICY.formatted(settings.gatewayUrl());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("Content-Security-Policy", this.policy);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
		response.setHeader("X-Frame-Options", "DENY");
		chain.doFilter(request, response);
	}

}
