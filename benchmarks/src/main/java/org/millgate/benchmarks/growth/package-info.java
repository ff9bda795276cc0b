/**
 * What {@code ./millgate bench} needs to measure how the gateway's cost grows with the
 * distinct clients calling: tokens of many clients from an issuer of its own.
 */
package org.millgate.benchmarks.growth;
