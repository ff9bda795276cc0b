package org.millgate.erp.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.millgate.erp.model.Confirmation;
import org.millgate.erp.model.ConfirmationRequest;
import org.millgate.erp.model.ConfirmationReversal;
import org.millgate.erp.model.EnteredConfirmation;

/**
 * Confirmations of production order operations. Posting is never retried by the facade:
 * the request's external id makes a repeat safe, as the ERP refuses a second posting
 * carrying it ({@link ErpFailure.Conflict}).
 */
public interface Confirmations {

	/**
	 * Posts a confirmation.
	 * @param request what to confirm
	 * @return the posted confirmation
	 */
	Mono<Confirmation> post(ConfirmationRequest request);

	/**
	 * The confirmation posted with an external id, if any: after a write timed out, this
	 * says whether the ERP booked it, without relying on the ERP to refuse a repeat.
	 * @param externalId the external id sent with the confirmation
	 * @return the confirmation, or empty
	 */
	Mono<Optional<Confirmation>> findByExternalId(UUID externalId);

	/**
	 * The confirmations of an order, oldest first.
	 * @param orderId the order number
	 * @return its confirmations
	 */
	Flux<Confirmation> ofOrder(String orderId);

	/**
	 * The reversals the ERP booked, by the time they were entered, each with the
	 * confirmation it took back: for reading them incrementally.
	 * @param plants the plants of the orders
	 * @param after where the last read ended, or null for the first reversal
	 * @param limit at most this many
	 * @return the reversals, by entry time and id
	 */
	Mono<List<ConfirmationReversal>> reversals(Set<String> plants, EntryKey after, int limit);

	/**
	 * The confirmations the ERP booked (reversals left out), by the time they were
	 * entered: for reading them incrementally. A confirmation reversed since is included,
	 * marked {@link Confirmation#reversed()}.
	 * @param plants the plants of the orders
	 * @param after where the last read ended, or null for the first confirmation
	 * @param limit at most this many
	 * @return the confirmations, by entry time and id
	 */
	Mono<List<EnteredConfirmation>> entered(Set<String> plants, EntryKey after, int limit);

	/**
	 * Where a read of confirmations by entry time goes on: after the confirmation
	 * {@code id} entered at {@code at}, after every confirmation entered at {@code at}
	 * ({@code id} null and {@code through} true), or from {@code at} on (both null and
	 * false: a first read from a moment). The ERP continues there itself, so that any
	 * number of confirmations sharing one entry time are read page by page.
	 *
	 * @param at the entry time
	 * @param id the id ({@code group-counter}) of the last confirmation read at that
	 * time, or null
	 * @param through whether every confirmation entered at {@code at} is read
	 */
	record EntryKey(Instant at, String id, boolean through) {

	}

}
