/**
 * The catalog as the portal shows it: products, the versions a consumer can use, plans,
 * and each product's changes from version to version.
 */
package org.millgate.portal.catalog;
