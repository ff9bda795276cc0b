package org.millgate.inventory.availability;

/**
 * How finely availability is split.
 */
public enum Breakdown {

	NONE, STORAGE_LOCATION, BATCH, STORAGE_LOCATION_AND_BATCH;

	boolean byStorageLocation() {
		return this == STORAGE_LOCATION || this == STORAGE_LOCATION_AND_BATCH;
	}

	boolean byBatch() {
		return this == BATCH || this == STORAGE_LOCATION_AND_BATCH;
	}

}
