/**
 * Governance across the ERP and the contracts: which ERP differences reach which API
 * fields and which consumers ({@code ./millgate erp-impact}).
 */
package org.millgate.governance;
