/**
 * Partner webhooks: partners' subscriptions to shipment events, the events read from
 * Kafka for them, deliveries signed as Standard Webhooks says, retried with backoff and
 * dead-lettered after the last attempt, replays and re-queues, and the operators' view.
 */
package org.millgate.portal.webhooks;
