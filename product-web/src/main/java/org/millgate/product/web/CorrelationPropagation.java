package org.millgate.product.web;

import reactor.util.context.Context;

/**
 * Where a request's correlation travels on: a bean of this type gives the Reactor context
 * every downstream call of the request sees (the ERP facade's {@code CallContext::of}
 * fits).
 */
@FunctionalInterface
public interface CorrelationPropagation {

	/**
	 * The context entries carrying a request's correlation.
	 * @param correlationId the correlation id
	 * @param traceparent the W3C trace parent of this hop
	 * @return the context to write
	 */
	Context context(String correlationId, String traceparent);

}
