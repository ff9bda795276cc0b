package org.millgate.web;

import java.math.BigDecimal;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON text for bodies written outside the codecs, and canonical digests of request
 * bodies.
 */
public final class JsonText {

	// decimals read as written ("2.000" stays 2.000 when a body is read, reshaped and
	// written
	// again), every decimal written as Decimals says
	private static final JsonMapper JSON = JsonMapper.builder()
		.addModule(Decimals.module())
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.build();

	private JsonText() {
	}

	public static byte[] write(Object value) {
		return JSON.writeValueAsBytes(value);
	}

	public static String string(Object value) {
		return JSON.writeValueAsString(value);
	}

	public static JsonNode read(byte[] body) {
		return JSON.readTree(body);
	}

	/**
	 * The body with object members sorted, so that the same content always gives the same
	 * text whatever order and spacing the client used.
	 */
	public static String canonical(JsonNode node) {
		if (node.isObject()) {
			StringBuilder text = new StringBuilder("{");
			node.propertyNames()
				.stream()
				.sorted()
				.forEach((name) -> text.append(JSON.writeValueAsString(name))
					.append(':')
					.append(canonical(node.get(name)))
					.append(','));
			if (text.length() > 1) {
				text.setLength(text.length() - 1);
			}
			return text.append('}').toString();
		}
		if (node.isArray()) {
			StringBuilder text = new StringBuilder("[");
			node.forEach((item) -> text.append(canonical(item)).append(','));
			if (text.length() > 1) {
				text.setLength(text.length() - 1);
			}
			return text.append(']').toString();
		}
		if (node.isNumber()) {
			// plain, as always, unless that would write out the zeros of 1e-999999999
			BigDecimal number = node.decimalValue().stripTrailingZeros();
			return (Math.abs(number.scale()) <= 1000 && number.precision() <= 1000) ? number.toPlainString()
					: number.toString();
		}
		return node.toString();
	}

}
