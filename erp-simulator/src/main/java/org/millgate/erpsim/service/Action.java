package org.millgate.erpsim.service;

import java.util.List;

/**
 * A function import, called with POST and quoted parameters, e.g.
 * {@code POST /ReleaseOrder?ManufacturingOrder='1000123'}.
 *
 * @param name the name in this release, e.g. {@code ReleaseProductionOrder}
 * @param operation what it does, release independent, e.g. {@code release}
 * @param parameters its parameters
 */
public record Action(String name, String operation, List<Property> parameters) {

}
