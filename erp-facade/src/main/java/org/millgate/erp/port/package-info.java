/**
 * What the products need from an ERP, as reactive ports over the canonical model, and the
 * typed failures every adapter maps its errors to. Products depend on these interfaces
 * only; which ERP and release answers is configuration.
 */
package org.millgate.erp.port;
