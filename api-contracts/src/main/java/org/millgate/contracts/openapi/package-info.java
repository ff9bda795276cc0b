/**
 * Reading OpenAPI 3.0 documents as trees: local {@code $ref} resolution, iteration over
 * operations, and JSON paths that name a place in a document for messages. Shared by the
 * governance rules and the compatibility checker.
 */
package org.millgate.contracts.openapi;
