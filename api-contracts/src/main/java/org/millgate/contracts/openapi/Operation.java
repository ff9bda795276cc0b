package org.millgate.contracts.openapi;

import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One operation of a document.
 *
 * @param path the path template, e.g. {@code /v1/production-orders/{orderId}}
 * @param method the lower-case HTTP method, e.g. {@code get}
 * @param node the operation object
 * @param at where the operation is in the document
 */
public record Operation(String path, String method, JsonNode node, JsonPath at) {

	/**
	 * How messages name the operation.
	 * @return e.g. {@code GET /v1/production-orders}
	 */
	public String label() {
		return this.method.toUpperCase(Locale.ROOT) + " " + this.path;
	}

}
