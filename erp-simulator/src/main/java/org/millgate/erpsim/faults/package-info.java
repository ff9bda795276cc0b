/**
 * Fault injection and call statistics, so that tests and drills can make the ERP slow,
 * failing, down, forgetful of CSRF tokens or garbled, per service, and count how many
 * calls each service received ({@code /_sim/faults}, {@code /_sim/stats},
 * {@code /_sim/reset}).
 */
package org.millgate.erpsim.faults;
