package org.millgate.erp.port;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import reactor.core.publisher.Mono;

import org.millgate.erp.model.StockStatusChange;

/**
 * Goods movements that changed the status of stock, such as the quality release of a
 * batch: when stock moved, where the stock levels only say where it is now.
 */
public interface StockChanges {

	/**
	 * The stock status changes posted in some plants within some days, cancelled ones
	 * left out.
	 * @param plants the plants, or empty for every plant
	 * @param from the first day, or null for no lower bound
	 * @param until the last day, or null for no upper bound
	 * @return the changes, oldest first
	 */
	Mono<List<StockStatusChange>> statusChanges(Collection<String> plants, LocalDate from, LocalDate until);

}
