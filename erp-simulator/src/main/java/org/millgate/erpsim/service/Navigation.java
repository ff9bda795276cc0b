package org.millgate.erpsim.service;

import java.util.Map;

/**
 * A navigation property from one entity set to another of the same service.
 *
 * @param name e.g. {@code to_ProductionOrderComponent}
 * @param target the target entity set's name
 * @param join source column to target column, e.g. {@code ManufacturingOrder} to
 * {@code ManufacturingOrder}
 * @param many whether it leads to a collection
 */
public record Navigation(String name, String target, Map<String, String> join, boolean many) {

}
