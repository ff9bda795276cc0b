/**
 * The kinds of ERP change the feed reads, each from a position of its own, and the events
 * they become: production orders (released, technically completed) and material documents
 * (goods receipts, goods issues to orders, transfers, scrap), in the canonical terms of
 * the event contracts.
 */
package org.millgate.changefeed.sources;
