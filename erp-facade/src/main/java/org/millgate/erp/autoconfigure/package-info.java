/**
 * Spring Boot auto-configuration: a product service that has erp-facade on its classpath
 * gets the ERP ports as beans, configured under {@code millgate.erp}.
 */
package org.millgate.erp.autoconfigure;
