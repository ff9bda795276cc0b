package org.millgate.testing.architecture.sample.application;

import org.springframework.http.HttpHeaders;

/**
 * An application class that reads the transport's headers: what the rules forbid.
 */
public final class LeakyUseCase {

	public String clientOf(HttpHeaders headers) {
		return headers.getFirst("client");
	}

}
