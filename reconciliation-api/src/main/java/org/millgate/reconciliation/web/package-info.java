/**
 * The HTTP edge of the Reconciliation API v1.
 */
package org.millgate.reconciliation.web;
