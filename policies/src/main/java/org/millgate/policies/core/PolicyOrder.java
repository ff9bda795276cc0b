package org.millgate.policies.core;

/**
 * The order of the route policies. All run before the gateway writes the upstream
 * response (order -1), so that response validation can still withhold it.
 */
public final class PolicyOrder {

	public static final int VERSIONING = -100;

	public static final int AUTHENTICATION = -90;

	public static final int THROTTLING = -80;

	public static final int AUTHORIZATION = -75;

	public static final int REQUEST_VALIDATION = -70;

	public static final int RESILIENCE = -60;

	public static final int RETRY = -50;

	public static final int RESPONSE_VALIDATION = -10;

	private PolicyOrder() {
	}

}
