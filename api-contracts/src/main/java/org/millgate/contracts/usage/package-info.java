/**
 * What the gateway's usage figures look like, for the gateway that writes them and the
 * developer portal that reads them.
 */
package org.millgate.contracts.usage;
