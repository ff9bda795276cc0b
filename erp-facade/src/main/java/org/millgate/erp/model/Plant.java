package org.millgate.erp.model;

/**
 * A plant (ISA-95 site).
 *
 * @param plant its code
 * @param name its name
 */
public record Plant(String plant, String name) {

}
