package org.millgate.contracts.tools.erpimpact;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where a release's {@code $metadata} comes from: a release the simulator plays (the
 * documents erp-simulator's build exports to {@code erp-simulator/target/erp-metadata}),
 * a running ERP (an {@code http(s)} base URL; every service path the facade knows is
 * fetched), or a directory of saved documents named {@code <service-id>.xml}.
 * <p>
 * A directory that also holds an index {@value #INDEX} ({@code <service-id>=<path>}, one
 * a line, as the simulator's export writes it) is a whole release: its services are named
 * and placed by the index, and a service it lacks is missing from the release. Without an
 * index the documents are whatever was saved, and services they leave out are not
 * compared.
 */
public final class MetadataSource {

	/** Where erp-simulator's build exports its releases, relative to the repository. */
	public static final String SIMULATOR_RELEASES = "erp-simulator/target/erp-metadata";

	/** The index of a directory that holds a whole release. */
	public static final String INDEX = "services.properties";

	private final ErpLineage lineage;

	private final Path releases;

	private final Map<String, String> environment;

	/**
	 * A source that names services by the facade's lineage.
	 * @param lineage the lineage
	 * @param releases the directory of the simulator's exported releases, one
	 * subdirectory per release id (in a checkout, {@value #SIMULATOR_RELEASES})
	 * @param environment {@code MILLGATE_ERP_AUTH_USER} and
	 * {@code MILLGATE_ERP_AUTH_PASSWORD} for the ERP's basic authentication, the
	 * variables the products read too (toward this machine both default to
	 * {@code millgate}, the simulator's; toward any other host nothing is sent unless
	 * they are set)
	 */
	public MetadataSource(ErpLineage lineage, Path releases, Map<String, String> environment) {
		this.lineage = lineage;
		this.releases = releases;
		this.environment = environment;
	}

	/**
	 * The metadata of a release.
	 * @param spec a release id the simulator exported (2020, 2022, 2023), an http(s) base
	 * URL, or a directory
	 * @return the metadata
	 * @throws IllegalArgumentException naming what is accepted when {@code spec} is none
	 * of these
	 */
	public ErpMetadata load(String spec) {
		if (spec.startsWith("http://") || spec.startsWith("https://")) {
			return fetch(spec.replaceAll("/+$", ""));
		}
		Path directory = Path.of(spec);
		if (Files.isDirectory(directory)) {
			return directory(directory, directory.toString(), false);
		}
		if (spec.matches("[A-Za-z0-9_.-]+") && !spec.matches("\\.+")
				&& Files.isDirectory(this.releases.resolve(spec))) {
			return directory(this.releases.resolve(spec), spec, true);
		}
		throw new IllegalArgumentException(unknown(spec));
	}

	/**
	 * The release ids the simulator exported.
	 * @return the ids, sorted; empty when nothing was exported
	 */
	public List<String> simulatorReleases() {
		if (!Files.isDirectory(this.releases)) {
			return List.of();
		}
		try (Stream<Path> directories = Files.list(this.releases)) {
			return directories.filter((release) -> Files.isRegularFile(release.resolve(INDEX)))
				.map((release) -> release.getFileName().toString())
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + this.releases, ex);
		}
	}

	private String unknown(String spec) {
		String neither = "'" + spec + "' is neither an http(s) URL of an ERP, nor a directory of saved"
				+ " <service-id>.xml $metadata documents";
		List<String> known = simulatorReleases();
		if (known.isEmpty()) {
			return neither + ", nor a release the simulator plays: none is exported to " + this.releases
					+ " yet. Build erp-simulator (./mvnw -pl erp-simulator package), whose build exports every"
					+ " release it plays there";
		}
		return neither + ", nor a release the simulator plays (" + String.join(", ", known) + ", exported to "
				+ this.releases + ")";
	}

	private ErpMetadata directory(Path directory, String name, boolean simulatorRelease) {
		Path index = directory.resolve(INDEX);
		if (Files.isRegularFile(index)) {
			return release(directory, name, index);
		}
		if (simulatorRelease) {
			throw new IllegalArgumentException(directory + " has no " + INDEX + ": an export of erp-simulator's"
					+ " build that did not finish; build erp-simulator again (./mvnw -pl erp-simulator package)");
		}
		return saved(directory);
	}

	// a whole release: the index names every service and its path
	private ErpMetadata release(Path directory, String name, Path index) {
		Properties paths = new Properties();
		try {
			paths.load(new StringReader(Files.readString(index, StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + index, ex);
		}
		Map<String, ErpMetadata.Service> services = new LinkedHashMap<>();
		for (String id : new TreeSet<>(paths.stringPropertyNames())) {
			Path file = directory.resolve(id + ".xml");
			if (!Files.isRegularFile(file)) {
				throw new IllegalArgumentException(
						index + " lists the service " + id + " but " + file + " does not exist");
			}
			services.put(id, ErpMetadata.parse(id, paths.getProperty(id), read(file)));
		}
		List<String> unlisted = new ArrayList<>();
		for (Path file : xmlFiles(directory)) {
			if (!services.containsKey(file.getFileName().toString().replaceAll("\\.xml$", ""))) {
				unlisted.add(file.getFileName().toString());
			}
		}
		if (!unlisted.isEmpty()) {
			throw new IllegalArgumentException(directory + " holds " + String.join(", ", unlisted)
					+ ", which its index " + INDEX + " does not list; list it (<service-id>=<path>) or remove it");
		}
		if (services.isEmpty()) {
			throw new IllegalArgumentException(index + " lists no service");
		}
		return new ErpMetadata(name, services, true);
	}

	// saved documents: whatever was saved, named after the
	// services of the facade's lineage
	private ErpMetadata saved(Path directory) {
		Map<String, ErpMetadata.Service> services = new LinkedHashMap<>();
		for (Path file : xmlFiles(directory)) {
			String id = file.getFileName().toString().replaceAll("\\.xml$", "");
			if (this.lineage.services().stream().noneMatch((known) -> known.id().equals(id))) {
				throw new IllegalArgumentException(file + ": name the file after the service it describes, one of "
						+ String.join(", ", this.lineage.services().stream().map(ErpLineage.ServicePaths::id).toList())
						+ " (.xml)");
			}
			// a saved document has no ERP path: "file:" keeps it
			// from looking like a moved service
			services.put(id, ErpMetadata.parse(id, "file:" + file, read(file)));
		}
		if (services.isEmpty()) {
			throw new IllegalArgumentException(directory + " holds no <service-id>.xml $metadata documents");
		}
		return new ErpMetadata(directory.toString(), services, false);
	}

	private static List<Path> xmlFiles(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((f) -> f.toString().endsWith(".xml")).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + directory, ex);
		}
	}

	private static String read(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	private ErpMetadata fetch(String base) {
		// no redirects: a redirect to a login page must not read as a missing service,
		// and credentials must not follow one
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String host = URI.create(base).getHost();
		boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
		// the simulator's defaults only toward this machine;
		// elsewhere only what is configured
		String user = this.environment.getOrDefault("MILLGATE_ERP_AUTH_USER", loopback ? "millgate" : null);
		String password = this.environment.getOrDefault("MILLGATE_ERP_AUTH_PASSWORD", loopback ? "millgate" : "");
		Map<String, ErpMetadata.Service> services = new LinkedHashMap<>();
		for (ErpLineage.ServicePaths known : this.lineage.services()) {
			for (String path : known.paths()) {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path + "/$metadata"))
					.timeout(Duration.ofSeconds(30))
					.header("Accept", "application/xml");
				if (user != null) {
					request.header("Authorization", "Basic " + Base64.getEncoder()
						.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
				}
				HttpResponse<String> response;
				try {
					response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
				}
				catch (IOException ex) {
					throw new IllegalArgumentException("cannot reach " + base + path + ": " + ex.getMessage(), ex);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("interrupted", ex);
				}
				if (response.statusCode() == 401 || response.statusCode() == 403) {
					throw new IllegalArgumentException(base + path + "/$metadata answered " + response.statusCode()
							+ "; set MILLGATE_ERP_AUTH_USER and MILLGATE_ERP_AUTH_PASSWORD to a user allowed to read it");
				}
				if (response.statusCode() == 200) {
					if (services.containsKey(known.id())) {
						throw new IllegalArgumentException(
								base + " serves " + known.id() + " at both " + services.get(known.id()).path() + " and "
										+ path + "; compare saved documents instead");
					}
					services.put(known.id(), ErpMetadata.parse(known.id(), path, response.body()));
				}
				else if (response.statusCode() != 404) {
					// only "not found" means the release lacks the service;
					// anything else is no answer about it
					throw new IllegalArgumentException(base + path + "/$metadata answered " + response.statusCode()
							+ response.headers()
								.firstValue("Location")
								.map((to) -> " (redirect to " + to + ")")
								.orElse("")
							+ "; cannot tell whether the release has this service");
				}
			}
		}
		if (services.isEmpty()) {
			throw new IllegalArgumentException(base + " serves none of the OData services the facade uses");
		}
		return new ErpMetadata(base, services, true);
	}

}
