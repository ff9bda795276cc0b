/**
 * Governance across the ERP and the contracts: which ERP differences reach which API
 * fields and which consumers ({@code ./millgate erp-impact}). It reads {@code $metadata}
 * documents only: saved ones, a running ERP's, or the simulator's releases as
 * erp-simulator's build exports them; it knows no simulator code.
 */
package org.millgate.contracts.tools.erpimpact;
