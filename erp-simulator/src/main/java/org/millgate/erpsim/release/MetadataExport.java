package org.millgate.erpsim.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.millgate.erpsim.odata.MetadataWriter;
import org.millgate.erpsim.service.ODataService;

/**
 * Writes the {@code $metadata} document of every service of every release the simulator
 * plays, exactly as the simulator serves it, to
 * {@code <directory>/<release>/<service-id>.xml}, with an index
 * {@code <directory>/<release>/services.properties} that maps each service id to its path
 * on the ERP ({@code production-orders=/sap/opu/odata/sap/...}). The module's build runs
 * it into {@code erp-simulator/target/erp-metadata}; that is how the simulator's releases
 * reach {@code ./millgate erp-impact}, which knows no simulator code.
 */
public final class MetadataExport {

	/** The index of a release's directory: service id = path, one a line. */
	public static final String INDEX = "services.properties";

	private MetadataExport() {
	}

	/**
	 * Exports every release.
	 * @param args the directory to write to
	 * @throws IOException when a document cannot be written
	 */
	public static void main(String[] args) throws IOException {
		// no System.exit: the build runs this inside Maven's JVM (exec:java)
		if (args.length != 1) {
			throw new IllegalArgumentException("usage: MetadataExport DIRECTORY (writes DIRECTORY/<release>/"
					+ "<service-id>.xml and DIRECTORY/<release>/" + INDEX + ")");
		}
		for (Path release : export(Path.of(args[0]))) {
			System.out.println("ERP release " + release.getFileName() + ": $metadata documents in " + release);
		}
	}

	/**
	 * Exports every release, replacing what an earlier export left.
	 * @param directory the directory to write to
	 * @return the directory of each release, in the order of {@link ErpRelease}
	 * @throws IOException when a document cannot be written
	 */
	public static List<Path> export(Path directory) throws IOException {
		Files.createDirectories(directory);
		removeEarlierExports(directory);
		List<Path> written = new ArrayList<>();
		for (ErpRelease release : ErpRelease.values()) {
			Path target = Files.createDirectories(directory.resolve(release.id()));
			StringBuilder index = new StringBuilder("# The services of ERP release " + release.id()
					+ " as the Millgate ERP simulator serves them: <service-id>=<path>; each one's"
					+ " $metadata is <service-id>.xml\n");
			for (ODataService service : release.services()) {
				if (!service.id().matches("[a-z0-9-]+") || service.path().contains("\\")) {
					throw new IllegalStateException("service id '" + service.id() + "' or path '" + service.path()
							+ "' cannot be written to " + INDEX);
				}
				Files.writeString(target.resolve(service.id() + ".xml"), MetadataWriter.write(service),
						StandardCharsets.UTF_8);
				index.append(service.id()).append('=').append(service.path()).append('\n');
			}
			Files.writeString(target.resolve(INDEX), index, StandardCharsets.UTF_8);
			written.add(target);
		}
		return written;
	}

	/**
	 * Removes the documents of earlier exports (directories holding an index), so that a
	 * service or release the simulator no longer plays does not linger. Nothing else is
	 * touched.
	 */
	private static void removeEarlierExports(Path directory) throws IOException {
		try (Stream<Path> releases = Files.list(directory)) {
			for (Path release : releases.filter((path) -> Files.isRegularFile(path.resolve(INDEX))).toList()) {
				try (Stream<Path> files = Files.list(release)) {
					for (Path file : files.filter((path) -> path.getFileName().toString().endsWith(".xml")).toList()) {
						Files.delete(file);
					}
				}
				Files.delete(release.resolve(INDEX));
				try (Stream<Path> rest = Files.list(release)) {
					if (rest.findAny().isEmpty()) {
						Files.delete(release);
					}
				}
			}
		}
	}

}
