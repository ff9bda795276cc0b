package org.millgate.contracts.problems;

import java.net.URI;

/**
 * One documented problem type.
 *
 * @param code the stable machine-readable code, e.g. {@code order.notReleasable}
 * @param type the stable type URI
 * @param status the HTTP status it is answered with
 * @param title the title, the same for every occurrence
 * @param description what it means and what the caller can do
 */
public record ProblemType(String code, URI type, int status, String title, String description) {

}
