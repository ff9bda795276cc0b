/**
 * Policies {@code request-validation} and {@code response-validation}: requests and
 * responses checked against the contract of the called version, with validators built
 * once per contract.
 */
package org.millgate.policies.validation;
