package org.millgate.erp.sap;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits long value lists for {@code $filter}: a URL with hundreds of {@code or} terms
 * exceeds what SAP's web dispatcher and gateways accept.
 */
final class Chunks {

	/** Values per {@code $filter}: about 2 KB of URL for material numbers. */
	static final int SIZE = 50;

	private Chunks() {
	}

	static <T> List<List<T>> of(List<T> values) {
		List<List<T>> chunks = new ArrayList<>();
		for (int i = 0; i < values.size(); i += SIZE) {
			chunks.add(values.subList(i, Math.min(values.size(), i + SIZE)));
		}
		return chunks;
	}

}
