package org.millgate.policies.core;

/**
 * The one shape of a policy in front of every request: an id and a place in the web chain
 * of {@link PolicyOrder}; its configuration is given to its constructor.
 */
public abstract class AbstractWebPolicy extends AbstractPolicy implements WebPolicy {

	/**
	 * The policy.
	 * @param id its {@code ID}
	 * @param order its place
	 */
	protected AbstractWebPolicy(String id, PolicyOrder order) {
		super(id, order, PolicyOrder.Chain.WEB);
	}

}
