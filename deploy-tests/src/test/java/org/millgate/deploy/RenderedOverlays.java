package org.millgate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders each overlay once per test run, from a copy of deploy/kubernetes in which every
 * Secret's values file (ignored by git, written by whoever deploys) is made from its
 * committed {@code .env.example} with the value {@value #PLACEHOLDER} + the key: so every
 * Secret value rendered must be such a placeholder, and a value that is not came from a
 * committed file.
 */
final class RenderedOverlays {

	static final String PLACEHOLDER = "placeholder-of-the-deploy-tests-";

	private static final Map<Overlay, Rendered> RENDERED = new EnumMap<>(Overlay.class);

	private static String kustomizeVersion;

	private RenderedOverlays() {
	}

	static Path sources() {
		return Path.of(System.getProperty("millgate.deploy.dir", "../deploy/kubernetes")).toAbsolutePath().normalize();
	}

	static synchronized Rendered of(Overlay overlay) {
		if (Boolean.getBoolean("millgate.kubernetes.skip")) {
			// reported as skipped, never as passed: ./millgate test says why before the
			// build
			Assumptions.abort("millgate.kubernetes.skip: no kubectl with kustomize v5 (MILLGATE_INSTALL=never), "
					+ "the overlays are not rendered");
		}
		return RENDERED.computeIfAbsent(overlay, RenderedOverlays::render);
	}

	static synchronized String kustomizeVersion() {
		if (kustomizeVersion == null) {
			kustomizeVersion = Kubectl.fromSystemProperty().requireKustomize();
		}
		return kustomizeVersion;
	}

	private static Rendered render(Overlay overlay) {
		kustomizeVersion();
		Path copy = copyWithPlaceholderSecrets();
		String yaml = Kubectl.fromSystemProperty().kustomize(copy.resolve("overlays").resolve(overlay.directory()));
		List<JsonNode> documents = new ArrayList<>();
		try (MappingIterator<JsonNode> iterator = YAMLMapper.builder()
			.build()
			.readerFor(JsonNode.class)
			.readValues(yaml)) {
			while (iterator.hasNext()) {
				JsonNode document = iterator.next();
				if (document != null && !document.isNull() && !document.isEmpty()) {
					documents.add(document);
				}
			}
		}
		if (documents.isEmpty()) {
			throw new IllegalStateException("kubectl kustomize rendered nothing for overlay " + overlay.directory());
		}
		List<HasMetadata> objects = documents.stream().map(KubernetesApi::read).toList();
		return new Rendered(overlay, List.copyOf(documents), objects);
	}

	private static Path copyWithPlaceholderSecrets() {
		try {
			Path target = Files.createTempDirectory("millgate-kubernetes");
			Path source = sources();
			try (Stream<Path> files = Files.walk(source)) {
				for (Path file : (Iterable<Path>) files::iterator) {
					Path relative = source.relativize(file);
					Path destination = target.resolve(relative.toString());
					if (Files.isDirectory(file)) {
						Files.createDirectories(destination);
					}
					else if (isSecretValues(relative)) {
						continue;
					}
					else {
						Files.copy(file, destination);
						if (relative.getFileName().toString().endsWith(".env.example")) {
							writePlaceholders(file, Path.of(destination.toString().replaceAll("\\.example$", "")));
						}
					}
				}
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The files a deployer writes with the real values: never read by the tests. */
	static boolean isSecretValues(Path relative) {
		return relative.getParent() != null && relative.getParent().getFileName().toString().equals("secrets")
				&& relative.getFileName().toString().endsWith(".env");
	}

	private static void writePlaceholders(Path example, Path values) throws IOException {
		List<String> lines = new ArrayList<>();
		for (String line : Files.readAllLines(example)) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			String key = trimmed.substring(0, trimmed.indexOf('='));
			lines.add(key + "=" + PLACEHOLDER + key);
		}
		Files.write(values, lines);
	}

}
