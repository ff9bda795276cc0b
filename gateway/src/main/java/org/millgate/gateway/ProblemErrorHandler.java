package org.millgate.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.web.server.WebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

import org.millgate.policies.core.Problems;

/**
 * Whatever no policy answered becomes a problem without internals: a 404 from the
 * framework is {@code route.notFound}, any other client error {@code request.invalid},
 * anything else {@code server.internalError}, logged with the correlation id.
 */
@Order(-2)
final class ProblemErrorHandler implements WebExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ProblemErrorHandler.class);

	private final Problems problems;

	ProblemErrorHandler(Problems problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(failure);
		}
		if (failure instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError()) {
			if (status.getStatusCode().value() == 404) {
				return this.problems.write(exchange, "route.notFound",
						"No API operation answers " + exchange.getRequest().getMethod().name() + " "
								+ exchange.getRequest().getPath().value() + ".");
			}
			return this.problems.write(exchange, "request.invalid",
					"The request cannot be processed: " + status.getStatusCode().value() + ".");
		}
		logger.error("Unexpected failure of {} {} (correlation id {})", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath().value(), exchange.getAttribute(Problems.CORRELATION_ID), failure);
		return this.problems.write(exchange, "server.internalError",
				"An unexpected error occurred; quote the correlation id when reporting it.");
	}

}
