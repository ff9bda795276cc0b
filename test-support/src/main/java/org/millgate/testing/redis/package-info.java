/**
 * Real Redis topologies on loopback for tests: a Redis Cluster of primaries with replicas
 * and a primary with a replica watched by three sentinels, started from the machine's
 * {@code redis-server} (Debian's package), with the means to kill a primary and await the
 * failover that follows.
 */
package org.millgate.testing.redis;
