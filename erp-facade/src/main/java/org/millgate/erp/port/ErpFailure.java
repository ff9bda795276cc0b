package org.millgate.erp.port;

import java.time.Duration;

/**
 * Why an ERP call failed, typed so that products can answer with the right problem.
 * Messages are for logs: they may quote the ERP and must never reach consumers.
 */
public abstract sealed class ErpFailure extends RuntimeException
		permits ErpFailure.NotFound, ErpFailure.Conflict, ErpFailure.Rejected, ErpFailure.LimitExceeded,
		ErpFailure.Unavailable, ErpFailure.Timeout, ErpFailure.Malformed {

	private final String erpCode;

	private final String erpMessage;

	ErpFailure(String message, String erpCode, Throwable cause) {
		this(message, erpCode, null, cause);
	}

	ErpFailure(String message, String erpCode, String erpMessage, Throwable cause) {
		super(message, cause);
		this.erpCode = erpCode;
		this.erpMessage = erpMessage;
	}

	/**
	 * The ERP's own message text for a refusal, the reason a consumer may read.
	 * @return e.g. {@code Order 1000123 is not released for confirmation}, or null when
	 * the ERP gave none
	 */
	public String erpMessage() {
		return this.erpMessage;
	}

	/**
	 * The ERP's message code, for logs and support.
	 * @return e.g. {@code RU/505}, or null
	 */
	public String erpCode() {
		return this.erpCode;
	}

	/** The object does not exist in the ERP. */
	public static final class NotFound extends ErpFailure {

		public NotFound(String message, String erpCode) {
			super(message, erpCode, null);
		}

	}

	/** The ERP refused because of the object's state: a duplicate, a stale version. */
	public static final class Conflict extends ErpFailure {

		public Conflict(String message, String erpCode) {
			super(message, erpCode, null);
		}

		/**
		 * A conflict with the ERP's reason.
		 * @param message for logs
		 * @param erpCode the ERP's message code
		 * @param erpMessage the ERP's message text
		 */
		public Conflict(String message, String erpCode, String erpMessage) {
			super(message, erpCode, erpMessage, null);
		}

	}

	/** The ERP refused the request as invalid (a business rule or a bad value). */
	public static final class Rejected extends ErpFailure {

		public Rejected(String message, String erpCode) {
			super(message, erpCode, null);
		}

		/**
		 * A refusal with the ERP's reason.
		 * @param message for logs
		 * @param erpCode the ERP's message code
		 * @param erpMessage the ERP's message text
		 */
		public Rejected(String message, String erpCode, String erpMessage) {
			super(message, erpCode, erpMessage, null);
		}

	}

	/**
	 * A value is longer, larger or more precise than the ERP field it would be written to
	 * keeps: refused before the call, so that nothing is cut short or rounded on its way
	 * to the ERP. The message names the value and the limit and may reach the consumer.
	 */
	public static final class LimitExceeded extends ErpFailure {

		private final String field;

		/**
		 * A value beyond the ERP's limit.
		 * @param field the canonical field, e.g. {@code ConfirmationRequest.text}
		 * @param erpProperty the ERP property, e.g. {@code ConfirmationText}
		 * @param reason what exceeds which limit, for consumers
		 */
		public LimitExceeded(String field, String erpProperty, String reason) {
			super(reason + " (ERP property " + erpProperty + ")", null, reason, null);
			this.field = field;
		}

		/**
		 * The canonical field whose value exceeds the limit.
		 * @return e.g. {@code ConfirmationRequest.text}
		 */
		public String field() {
			return this.field;
		}

	}

	/** The ERP cannot be reached or is failing; try again later. */
	public static final class Unavailable extends ErpFailure {

		private final Duration retryAfter;

		private final boolean transientFailure;

		public Unavailable(String message, Duration retryAfter, Throwable cause) {
			this(message, retryAfter, cause, true);
		}

		/**
		 * An unavailable ERP.
		 * @param message for logs
		 * @param retryAfter when trying again makes sense
		 * @param cause the cause, or null
		 * @param transientFailure whether an immediate retry may succeed; false for
		 * refused credentials or a missing service, which only an operator can fix
		 */
		public Unavailable(String message, Duration retryAfter, Throwable cause, boolean transientFailure) {
			super(message, null, cause);
			this.retryAfter = retryAfter;
			this.transientFailure = transientFailure;
		}

		/**
		 * Whether an immediate retry may succeed.
		 * @return false when only an operator can fix it
		 */
		public boolean isTransient() {
			return this.transientFailure;
		}

		/**
		 * When trying again makes sense.
		 * @return the delay to suggest
		 */
		public Duration retryAfter() {
			return this.retryAfter;
		}

	}

	/** The ERP did not answer in time. A write may or may not have happened. */
	public static final class Timeout extends ErpFailure {

		public Timeout(String message, Throwable cause) {
			super(message, null, cause);
		}

	}

	/** The ERP answered something that cannot be read. */
	public static final class Malformed extends ErpFailure {

		public Malformed(String message, Throwable cause) {
			super(message, null, cause);
		}

	}

}
