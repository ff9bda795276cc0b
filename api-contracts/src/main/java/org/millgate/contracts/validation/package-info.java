/**
 * Validation of requests against a contract, framework free: the product services and the
 * gateway feed it method, path, query, headers and body and get one violation per broken
 * rule, with a pointer into the request.
 */
package org.millgate.contracts.validation;
