/**
 * Reading OpenAPI 3.0 documents as trees: local {@code $ref} resolution, iteration over
 * operations, and JSON paths that name a place in a document for messages. Read here by
 * the operation scopes, and by the governance rules and the compatibility checker of
 * contract-tools.
 */
package org.millgate.contracts.openapi;
