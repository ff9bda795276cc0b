/**
 * The portal's pages, server-rendered (no JavaScript framework; Swagger UI renders the
 * reference from the portal's own copy).
 */
package org.millgate.portal.web;
