package org.millgate.contracts.validation;

/**
 * One broken rule of a request.
 *
 * @param pointer a JSON pointer into the body ({@code /yieldQuantity}, {@code /} for the
 * whole body) or {@code #/query/NAME}, {@code #/path/NAME}, {@code #/header/NAME}
 * @param message what is wrong, for a developer
 */
public record RequestViolation(String pointer, String message) {

}
