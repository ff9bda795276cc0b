/**
 * The developer portal application.
 */
package org.millgate.portal;
