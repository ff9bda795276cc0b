/**
 * The reconciliation service: where the ERP, the MES and the WMS disagree, found per
 * plant and tracked until someone has dealt with it.
 */
package org.millgate.reconciliation;
