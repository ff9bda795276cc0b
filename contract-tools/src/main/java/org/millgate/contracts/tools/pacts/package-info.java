/**
 * Consumer pacts (Pact V4 files) read and checked against contracts offline.
 */
package org.millgate.contracts.tools.pacts;
