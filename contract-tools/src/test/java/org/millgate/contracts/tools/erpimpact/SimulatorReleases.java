package org.millgate.contracts.tools.erpimpact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.millgate.erpsim.release.MetadataExport;

/**
 * The simulator's releases as erp-simulator's build exports them, exported once per test
 * run to {@code target/erp-metadata} by the same code (a test dependency), so that the
 * tests need no earlier build of erp-simulator.
 */
final class SimulatorReleases {

	private static final Path DIRECTORY = Path.of("target/erp-metadata");

	private static boolean exported;

	private SimulatorReleases() {
	}

	/**
	 * The directory of the exported releases.
	 * @return the directory, one subdirectory per release id
	 */
	static synchronized Path directory() {
		if (!exported) {
			try {
				MetadataExport.export(DIRECTORY);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			exported = true;
		}
		return DIRECTORY;
	}

	/**
	 * The documents of one release.
	 * @param release the release id
	 * @return service id → its {@code $metadata} document, by id
	 */
	static Map<String, String> documents(String release) {
		Map<String, String> documents = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(directory().resolve(release))) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".xml")).sorted().toList()) {
				documents.put(file.getFileName().toString().replaceAll("\\.xml$", ""), Files.readString(file));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return documents;
	}

}
