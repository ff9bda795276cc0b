package org.millgate.contracts.catalog;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One major version of a product.
 *
 * @param version the major version as it appears in paths, e.g. {@code v1}
 * @param state lifecycle state
 * @param contract classpath-relative name of the contract document, e.g.
 * {@code production-orders/v1.yaml}
 * @param released the day it was (or will be) published, empty for drafts
 * @param sunset the day after which it is retired, for deprecated and retired versions
 * @param successor the version that replaces it, for deprecated and retired versions
 */
public record ProductVersion(String version, Lifecycle state, String contract, Optional<LocalDate> released,
		Optional<LocalDate> sunset, Optional<String> successor) {

}
