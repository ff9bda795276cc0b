package org.millgate.governance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.millgate.erpsim.odata.MetadataWriter;
import org.millgate.erpsim.release.ErpRelease;
import org.millgate.erpsim.service.ODataService;

/**
 * Where a release's {@code $metadata} comes from: a release the simulator plays (rendered
 * in-process, exactly as the simulator serves it), a running ERP (an {@code http(s)} base
 * URL; every service path the facade knows is fetched), or a directory of saved documents
 * named {@code <service-id>.xml}.
 */
public final class MetadataSource {

	private final ErpLineage lineage;

	private final Map<String, String> environment;

	/**
	 * A source that names services by the facade's lineage.
	 * @param lineage the lineage
	 * @param environment {@code MILLGATE_ERP_AUTH_USER} and
	 * {@code MILLGATE_ERP_AUTH_PASSWORD} for the ERP's basic authentication, the
	 * variables the products read too (toward this machine both default to
	 * {@code millgate}, the simulator's; toward any other host nothing is sent unless
	 * they are set)
	 */
	public MetadataSource(ErpLineage lineage, Map<String, String> environment) {
		this.lineage = lineage;
		this.environment = environment;
	}

	/**
	 * The metadata of a release.
	 * @param spec a simulator release id (2020, 2022, 2023), an http(s) base URL, or a
	 * directory
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
			return directory(directory);
		}
		try {
			return simulator(ErpRelease.of(spec));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + spec + "' is neither a release the simulator plays ("
					+ String.join(", ", Stream.of(ErpRelease.values()).map(ErpRelease::id).toList())
					+ "), nor an http(s) URL of an ERP, nor a directory of saved $metadata documents");
		}
	}

	/**
	 * The documents the simulator serves for a release, by service id.
	 * @param release the release id
	 * @return service id → EDMX document
	 */
	public Map<String, String> simulatorDocuments(String release) {
		Map<String, String> documents = new LinkedHashMap<>();
		for (ODataService service : ErpRelease.of(release).services()) {
			documents.put(id(service.path()), MetadataWriter.write(service));
		}
		return documents;
	}

	private ErpMetadata simulator(ErpRelease release) {
		Map<String, ErpMetadata.Service> services = new LinkedHashMap<>();
		for (ODataService service : release.services()) {
			String id = id(service.path());
			services.put(id, ErpMetadata.parse(id, service.path(), MetadataWriter.write(service)));
		}
		return new ErpMetadata(release.id(), services, true);
	}

	private ErpMetadata directory(Path directory) {
		Map<String, ErpMetadata.Service> services = new LinkedHashMap<>();
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".xml")).sorted().toList()) {
				String id = file.getFileName().toString().replaceAll("\\.xml$", "");
				if (this.lineage.services().stream().noneMatch((known) -> known.id().equals(id))) {
					throw new IllegalArgumentException(file + ": name the file after the service it describes, one of "
							+ String.join(", ",
									this.lineage.services().stream().map(ErpLineage.ServicePaths::id).toList())
							+ " (.xml)");
				}
				// a saved document has no ERP path: "file:" keeps it from looking like a
				// moved service
				services.put(id, ErpMetadata.parse(id, "file:" + file, Files.readString(file)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + directory, ex);
		}
		if (services.isEmpty()) {
			throw new IllegalArgumentException(directory + " holds no <service-id>.xml $metadata documents");
		}
		return new ErpMetadata(directory.toString(), services, false);
	}

	private ErpMetadata fetch(String base) {
		// no redirects: a redirect to a login page must not read as a missing service,
		// and
		// credentials must not follow one
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String host = URI.create(base).getHost();
		boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
		// the simulator's defaults only toward this machine; elsewhere only what is
		// configured
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
					// only "not found" means the release lacks the service; anything else
					// is no
					// answer about it
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

	private String id(String path) {
		return this.lineage.serviceAt(path).orElse(path);
	}

}
