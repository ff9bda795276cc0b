package org.millgate.identity;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * Protection against credential stuffing at the login form and where clients
 * authenticate: a token bucket per client address, and lock-outs per user name or client
 * id (first per address, everywhere only after many more failures); both answer 429 with
 * {@code Retry-After}. In memory: identity runs as one instance.
 */
@Configuration(proxyBeanMethods = false)
class CredentialStuffingConfiguration {

	// ahead of Spring Security's filters, after the character encoding (the guard reads
	// form parameters), so that a refused attempt never reaches the password check
	private static final int BEFORE_SECURITY = SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1;

	@Bean
	AddressBuckets addressBuckets(IdentitySettings settings, ObjectProvider<Clock> clock) {
		return new AddressBuckets(clock.getIfAvailable(Clock::systemUTC), settings.attempts());
	}

	@Bean
	FailureLockouts failureLockouts(IdentitySettings settings, ObjectProvider<Clock> clock) {
		return new FailureLockouts(clock.getIfAvailable(Clock::systemUTC), settings.attempts());
	}

	@Bean
	AttemptOutcomes attemptOutcomes(FailureLockouts lockouts) {
		return new AttemptOutcomes(lockouts);
	}

	@Bean
	FilterRegistrationBean<AttemptGuard> attemptGuard(AuthorizationServerSettings endpoints, AddressBuckets buckets,
			FailureLockouts lockouts) {
		FilterRegistrationBean<AttemptGuard> registration = new FilterRegistrationBean<>(
				new AttemptGuard(endpoints, buckets, lockouts));
		registration.setOrder(BEFORE_SECURITY);
		return registration;
	}

}
