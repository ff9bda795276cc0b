package org.millgate.erp.model;

/**
 * A storage location of a plant (ISA-95 storage zone).
 *
 * @param plant the plant
 * @param storageLocation its code
 * @param name its name
 */
public record StorageLocation(String plant, String storageLocation, String name) {

}
