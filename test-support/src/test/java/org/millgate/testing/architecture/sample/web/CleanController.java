package org.millgate.testing.architecture.sample.web;

/**
 * A web class that goes through the application, as the rules want.
 */
public final class CleanController {

	public String handle(String caller) {
		return caller;
	}

}
