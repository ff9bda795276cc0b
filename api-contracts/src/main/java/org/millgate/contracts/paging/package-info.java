/**
 * Cursor pagination as the contracts define it: opaque, tamper-evident cursors bound to
 * the filters they were issued for. Framework free, shared by every product service.
 */
package org.millgate.contracts.paging;
