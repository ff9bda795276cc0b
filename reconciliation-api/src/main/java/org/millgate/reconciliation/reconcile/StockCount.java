package org.millgate.reconciliation.reconcile;

import java.time.Instant;
import java.util.List;

/**
 * A stock count of the WMS, as recorded.
 *
 * @param countId its id
 * @param plant the plant counted
 * @param countedAt when it was counted
 * @param receivedAt when it was recorded
 * @param reporter the OAuth2 client that reported it
 * @param positions what was counted
 */
public record StockCount(String countId, String plant, Instant countedAt, Instant receivedAt, String reporter,
		List<CountPosition> positions) {

	public StockCount {
		positions = List.copyOf(positions);
	}

}
