/**
 * The master-data v1 API product: materials, units of measure, bills of materials, plants
 * and storage locations over the ERP facade.
 */
package org.millgate.masterdata;
