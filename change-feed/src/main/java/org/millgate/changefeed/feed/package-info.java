/**
 * The feed itself, whatever the ERP changes are: sources read the ERP page by page from
 * their positions, the feed publishes each page's events and the positions they reach in
 * one Kafka transaction, within a budget of ERP calls.
 */
package org.millgate.changefeed.feed;
