package org.millgate.policies.core;

/**
 * What every policy holds: its id and its place in {@link PolicyOrder}.
 */
public abstract class AbstractPolicy implements Policy {

	private final String id;

	private final PolicyOrder order;

	/**
	 * The policy.
	 * @param id its {@code ID}
	 * @param order its place
	 * @param chain the chain its place must be in
	 */
	protected AbstractPolicy(String id, PolicyOrder order, PolicyOrder.Chain chain) {
		if (order.chain() != chain) {
			throw new IllegalArgumentException(order + " is no place in the " + chain + " chain");
		}
		this.id = id;
		this.order = order;
	}

	@Override
	public final String id() {
		return this.id;
	}

	@Override
	public final PolicyOrder order() {
		return this.order;
	}

	@Override
	public String toString() {
		return this.id + " (" + this.order + ")";
	}

}
