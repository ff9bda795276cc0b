package org.millgate.contracts.catalog;

/**
 * The catalog or one of its contract documents is missing or inconsistent. The message
 * names the file and the place in it.
 */
public class CatalogException extends RuntimeException {

	public CatalogException(String message) {
		super(message);
	}

	public CatalogException(String message, Throwable cause) {
		super(message, cause);
	}

}
