package org.millgate.reconciliation.reconcile;

/**
 * Who did something: an OAuth2 client, a person, or a run.
 *
 * @param kind {@code CLIENT}, {@code USER} or {@code RUN}
 * @param id the client id, the user name or the run id
 */
public record Actor(String kind, String id) {

	/**
	 * A run.
	 * @param runId its id
	 * @return the actor
	 */
	public static Actor run(String runId) {
		return new Actor("RUN", runId);
	}

}
