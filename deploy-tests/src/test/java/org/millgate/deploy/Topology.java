package org.millgate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The platform's services and their ports, read from {@code services.conf}, the one
 * topology the launcher, the system tests and these manifests share.
 */
final class Topology {

	private Topology() {
	}

	/**
	 * Every service of services.conf.
	 * @return port by service name, in the file's order
	 */
	static Map<String, Integer> services() {
		Path file = Path.of(System.getProperty("millgate.services.conf", "../services.conf"));
		Map<String, Integer> services = new LinkedHashMap<>();
		try {
			for (String line : Files.readAllLines(file)) {
				String trimmed = line.strip();
				if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("link ")) {
					continue;
				}
				String[] fields = trimmed.split("\\s+");
				services.put(fields[0], Integer.parseInt(fields[1]));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (services.isEmpty()) {
			throw new IllegalStateException(file + " names no service");
		}
		return services;
	}

}
