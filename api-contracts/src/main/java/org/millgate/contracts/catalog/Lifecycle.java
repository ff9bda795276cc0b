package org.millgate.contracts.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Lifecycle state of one API version.
 */
public enum Lifecycle {

	/** Being designed; not routed by the gateway, may change freely. */
	DRAFT,

	/** Live; only compatible changes allowed. */
	PUBLISHED,

	/**
	 * Live, with {@code Deprecation}, {@code Sunset} and successor {@code Link} headers.
	 */
	DEPRECATED,

	/** No longer served: the gateway answers 410 with a problem body. */
	RETIRED;

	/**
	 * The state's name as written in {@code catalog.yaml}.
	 * @return the lower-case name
	 */
	public String yamlName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Whether clients may rely on this version, so that it must stay compatible with its
	 * released copy.
	 * @return true for published and deprecated versions
	 */
	public boolean isReleased() {
		return this == PUBLISHED || this == DEPRECATED;
	}

	static Optional<Lifecycle> fromYaml(String value) {
		return Arrays.stream(values()).filter((state) -> state.yamlName().equals(value)).findFirst();
	}

}
