package org.millgate.policies.core;

/**
 * A gateway policy.
 */
public interface Policy {

	/**
	 * The policy's stable id, as it appears in logs and documentation.
	 * @return the id
	 */
	String id();

}
