package org.millgate.contracts.problems;

/**
 * A request a product refuses, with the stable problem code of {@code problems.yaml} and
 * a detail for this occurrence (never ERP text). Application code throws it; the
 * product's web edge answers it as the code's problem.
 */
public final class Rejection extends RuntimeException {

	private final String code;

	public Rejection(String code, String detail) {
		super(detail, null, false, false);
		this.code = code;
	}

	/**
	 * A refusal of something the caller may not see or that does not exist, answered
	 * alike so that existence does not leak.
	 * @param what what was looked for, e.g. {@code "production order 1000001"}
	 * @return the rejection
	 */
	public static Rejection notFound(String what) {
		return new Rejection("resource.notFound", "No " + what + " is visible to the caller.");
	}

	public String code() {
		return this.code;
	}

}
