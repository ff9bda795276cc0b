/**
 * The product catalog: which API products exist, who owns them, their versions with
 * lifecycle and sunset dates, their scopes, the plans consumers subscribe to, and the
 * contract document of every version. Loaded once from the classpath by
 * {@link org.millgate.contracts.catalog.ContractCatalog}, immutable afterwards, and
 * shared by the gateway, the developer portal and the tests.
 */
package org.millgate.contracts.catalog;
