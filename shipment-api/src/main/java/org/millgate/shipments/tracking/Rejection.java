package org.millgate.shipments.tracking;

/**
 * A request the product refuses, with the stable problem code of {@code problems.yaml}.
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

}
