/**
 * The application: what a caller may see of the ERP's master data, in plain Java over the
 * facade's ports.
 */
package org.millgate.masterdata.lookup;
