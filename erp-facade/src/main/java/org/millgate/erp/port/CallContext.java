package org.millgate.erp.port;

import reactor.util.context.Context;

/**
 * What travels with an ERP call in the Reactor context: the caller's correlation id and
 * trace parent, passed to the ERP as {@code X-Correlation-Id} and {@code traceparent}.
 */
public final class CallContext {

	/** Context key of the correlation id. */
	public static final String CORRELATION_ID = "millgate.correlationId";

	/** Context key of the W3C trace parent. */
	public static final String TRACEPARENT = "millgate.traceparent";

	private CallContext() {
	}

	/**
	 * A context carrying both, for {@code contextWrite}.
	 * @param correlationId the correlation id, or null
	 * @param traceparent the trace parent, or null
	 * @return the context
	 */
	public static Context of(String correlationId, String traceparent) {
		Context context = Context.empty();
		if (correlationId != null) {
			context = context.put(CORRELATION_ID, correlationId);
		}
		if (traceparent != null) {
			context = context.put(TRACEPARENT, traceparent);
		}
		return context;
	}

}
