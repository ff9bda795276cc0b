package org.millgate.orders.idempotency;

/**
 * What a key's store says about a request.
 */
public sealed interface Claim {

	/** First use of the key: the caller runs the request and completes the key. */
	record Fresh() implements Claim {

	}

	/** The key was completed with the same body: answer as then. */
	record Replay(int status, String body) implements Claim {

	}

	/** The first request with this key still runs. */
	record InFlight() implements Claim {

	}

	/** The key was used with another body. */
	record Mismatch() implements Claim {

	}

}
