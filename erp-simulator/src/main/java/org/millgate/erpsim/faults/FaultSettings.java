package org.millgate.erpsim.faults;

/**
 * The faults injected into one service. All zero or false: no fault.
 *
 * @param latencyMs added before every answer
 * @param jitterMs up to this much more, at random
 * @param errorRate share of calls answered with {@code errorStatus}, 0 to 1
 * @param errorStatus 500 or 503
 * @param outage every call answers 503 at once, as when the system is down
 * @param malformed bodies are cut off in the middle
 * @param slowBodyMs the body is held back this long after the answer is ready
 * @param refusal every write (POST, PATCH) is refused as the ERP refuses a booking, with
 * this SAP message: {@code CLASS/NNN text}, e.g.
 * {@code RU/101 Order locked by MES_CONNECT}; null for none
 */
public record FaultSettings(long latencyMs, long jitterMs, double errorRate, int errorStatus, boolean outage,
		boolean malformed, long slowBodyMs, String refusal) {

	/** No fault at all. */
	public static final FaultSettings NONE = new FaultSettings(0, 0, 0, 503, false, false, 0, null);

	/**
	 * Checks the ranges.
	 * @return this
	 * @throws IllegalArgumentException naming the first value out of range
	 */
	public FaultSettings validated() {
		require(this.latencyMs >= 0 && this.latencyMs <= 120_000, "latencyMs must be 0..120000");
		require(this.jitterMs >= 0 && this.jitterMs <= 60_000, "jitterMs must be 0..60000");
		require(this.errorRate >= 0 && this.errorRate <= 1, "errorRate must be 0..1");
		require(this.errorStatus == 500 || this.errorStatus == 503 || this.errorRate == 0,
				"errorStatus must be 500 or 503");
		require(this.slowBodyMs >= 0 && this.slowBodyMs <= 120_000, "slowBodyMs must be 0..120000");
		require(this.refusal == null || this.refusal.matches("[A-Z0-9_/]{1,20}/[0-9]{3} .{1,200}"),
				"refusal must be 'CLASS/NNN text', e.g. 'RU/101 Order locked'");
		return this;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

}
