package org.millgate.testing.events;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.validation.EventValidator;

/**
 * Checks an event as its consumers would (api-contracts' {@link EventValidator}): the
 * record's value against the payload schema of its message in the AsyncAPI contract, its
 * headers against the message's header schema, the message found by the record's
 * {@code ce_type}.
 */
public final class EventContracts {

	private static final ContractCatalog CATALOG = ContractCatalog.load();

	private EventContracts() {
	}

	/**
	 * The headers of a record, as UTF-8 text.
	 * @param record the record
	 * @return each header's last value
	 */
	public static Map<String, String> headers(ConsumerRecord<String, String> record) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
		}
		return headers;
	}

	/**
	 * What is wrong with an event by its contract.
	 * @param product the event product, e.g. {@code inventory}
	 * @param version e.g. {@code v1}
	 * @param record the record read from the product's topic
	 * @return the violations, empty when it is valid
	 */
	public static List<String> violations(String product, String version, ConsumerRecord<String, String> record) {
		return violations(product, version, headers(record), record.value(), true);
	}

	/**
	 * What is wrong with an event, or with what a consumer expects of one (a message
	 * pact: the headers it names, the data it gives as an example), by the contract.
	 * @param product the event product, e.g. {@code inventory}
	 * @param version e.g. {@code v1}
	 * @param headers the record's headers ({@code ce_type} among them)
	 * @param value the record's value, JSON
	 * @param allHeaders whether every field and header the contract requires must be
	 * there (a record), or only those given are checked (an expectation: it may name
	 * fewer fields than the contract promises, but none it does not, nor another type or
	 * format)
	 * @return the violations, empty when it is valid
	 */
	public static List<String> violations(String product, String version, Map<String, String> headers, String value,
			boolean allHeaders) {
		return EventValidator.violations(
				CATALOG.eventContract(product, version)
					.orElseThrow(() -> new IllegalArgumentException("no contract events/" + product + "/" + version)),
				headers, value, allHeaders);
	}

}
