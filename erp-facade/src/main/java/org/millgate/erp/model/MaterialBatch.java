package org.millgate.erp.model;

/**
 * One batch of a material in a plant (ISA-95 material lot): where batch stock and its
 * quality status belong.
 *
 * @param material the material
 * @param plant the plant
 * @param batch the batch
 */
public record MaterialBatch(String material, String plant, String batch) {

}
