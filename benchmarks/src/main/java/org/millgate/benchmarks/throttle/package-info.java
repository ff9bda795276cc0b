/**
 * The throttling half of {@code ./millgate bench}: one client calling hard through two
 * gateway instances and ten thousand clients at once, decisions a second and how exactly
 * the limit holds, with the gateway's Lua-script store beside the compare-and-swap store
 * before it ({@code ./millgate bench throttle}).
 */
package org.millgate.benchmarks.throttle;
