/**
 * Configuration of the ERP facade under {@code millgate.erp}, and the auto-configuration
 * that gives a product service its ports.
 */
package org.millgate.erp.config;
