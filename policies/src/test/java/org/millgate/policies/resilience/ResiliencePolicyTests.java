package org.millgate.policies.resilience;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import static org.assertj.core.api.Assertions.assertThat;

class ResiliencePolicyTests {

	@Test
	void timeoutsAreToldApart() {
		assertThat(ResiliencePolicy.isTimeout(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT))).isTrue();
		assertThat(ResiliencePolicy.isTimeout(new TimeoutException())).isTrue();
		assertThat(ResiliencePolicy.isTimeout(new ResponseStatusException(HttpStatus.BAD_REQUEST))).isFalse();
	}

	@Test
	void unreachableServicesAreToldApart() {
		assertThat(ResiliencePolicy.isUnreachable(new RuntimeException(new ConnectException("refused")))).isTrue();
		assertThat(ResiliencePolicy.isUnreachable(new IllegalStateException("bug"))).isFalse();
	}

}
