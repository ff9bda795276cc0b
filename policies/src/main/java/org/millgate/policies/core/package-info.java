/**
 * What every policy shares: the API route a request was matched to, the per-request
 * record the access log reads, and problem responses.
 */
package org.millgate.policies.core;
