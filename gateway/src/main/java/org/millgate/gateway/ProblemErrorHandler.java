package org.millgate.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import org.millgate.web.Correlation;
import org.millgate.web.Problems;

/**
 * Whatever no policy answered becomes a problem without internals: a 404 from the
 * framework is {@value #ROUTE_NOT_FOUND}, any other client error
 * {@value #REQUEST_INVALID}, anything else {@value #INTERNAL_ERROR}, logged with the
 * correlation id.
 */
@Order(-2)
final class ProblemErrorHandler implements WebExceptionHandler {

	static final String ROUTE_NOT_FOUND = "route.notFound";

	static final String REQUEST_INVALID = "request.invalid";

	static final String INTERNAL_ERROR = "server.internalError";

	private static final Logger logger = LoggerFactory.getLogger(ProblemErrorHandler.class);

	private final Problems problems;

	ProblemErrorHandler(Problems problems) {
		this.problems = problems;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
		if (exchange.getResponse().isCommitted()) {
			// too late for a problem: the framework logs one line; here the trace, on ask
			logger.debug("{} {} failed after its answer began [{}]", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath().value(), Correlation.id(exchange), failure);
			return Mono.error(failure);
		}
		if (failure instanceof ResponseStatusException status && status.getStatusCode().is4xxClientError()) {
			if (status.getStatusCode().value() == 404) {
				return this.problems.write(exchange, ROUTE_NOT_FOUND,
						"No API operation answers " + exchange.getRequest().getMethod().name() + " "
								+ exchange.getRequest().getPath().value() + ".");
			}
			return this.problems.write(exchange, REQUEST_INVALID,
					"The request cannot be processed: " + status.getStatusCode().value() + ".");
		}
		logger.error("Unexpected failure of {} {} (correlation id {})", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath().value(), Correlation.id(exchange), failure);
		return this.problems.write(exchange, INTERNAL_ERROR,
				"An unexpected error occurred; quote the correlation id when reporting it.");
	}

}
