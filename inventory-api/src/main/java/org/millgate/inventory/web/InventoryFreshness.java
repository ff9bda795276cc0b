package org.millgate.inventory.web;

import java.time.Duration;

/**
 * How long the ERP data behind an answer stays fresh: the facade's stock cache time.
 *
 * @param duration the freshness window
 */
public record InventoryFreshness(Duration duration) {

}
