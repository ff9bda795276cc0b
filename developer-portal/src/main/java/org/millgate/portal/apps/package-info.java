/**
 * Partners' apps, their subscriptions to products and plans, their credentials (clients
 * registered at identity) and the audit log of every change.
 */
package org.millgate.portal.apps;
