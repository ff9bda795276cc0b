package org.millgate.erp.port;

import java.time.Duration;

/**
 * Why an ERP call failed, typed so that products can answer with the right problem.
 * Messages are for logs: they may quote the ERP and must never reach consumers.
 */
public abstract sealed class ErpFailure extends RuntimeException permits ErpFailure.NotFound, ErpFailure.Conflict,
		ErpFailure.Rejected, ErpFailure.Unavailable, ErpFailure.Timeout, ErpFailure.Malformed {

	private final String erpCode;

	ErpFailure(String message, String erpCode, Throwable cause) {
		super(message, cause);
		this.erpCode = erpCode;
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

	}

	/** The ERP refused the request as invalid (a business rule or a bad value). */
	public static final class Rejected extends ErpFailure {

		public Rejected(String message, String erpCode) {
			super(message, erpCode, null);
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
