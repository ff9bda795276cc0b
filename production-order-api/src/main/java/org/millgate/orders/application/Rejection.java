package org.millgate.orders.application;

/**
 * A request the product refuses, with the stable problem code of {@code problems.yaml}
 * and a detail for this occurrence (never ERP text).
 */
public final class Rejection extends RuntimeException {

	private final String code;

	public Rejection(String code, String detail) {
		super(detail, null, false, false);
		this.code = code;
	}

	public String code() {
		return this.code;
	}

	static Rejection notFound(String what) {
		return new Rejection("resource.notFound", "No " + what + " is visible to the caller.");
	}

}
