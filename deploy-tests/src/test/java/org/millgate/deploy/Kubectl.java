package org.millgate.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kubectl kustomize}, the renderer the overlays are written for. Which kubectl:
 * the system property {@code millgate.kubectl} (the build passes the Maven property of
 * the same name, {@code kubectl} on the path by default). A missing kubectl, or one whose
 * kustomize is older than v5 (Debian 12's {@code kubernetes-client} 1.20 brings kustomize
 * v2, which reads neither {@code labels} nor {@code replacements}), fails the tests
 * saying so: nothing rendered is never a pass.
 */
final class Kubectl {

	static final int MINIMUM_KUSTOMIZE_MAJOR = 5;

	private static final Pattern KUSTOMIZE_VERSION = Pattern.compile("Kustomize Version: v(\\d+)\\.(\\d+)\\S*");

	private final String command;

	private Kubectl(String command) {
		this.command = command;
	}

	static Kubectl fromSystemProperty() {
		return new Kubectl(System.getProperty("millgate.kubectl", "kubectl"));
	}

	/**
	 * The kustomize version this kubectl embeds, failing when there is none or it is too
	 * old.
	 * @return e.g. {@code v5.5}
	 */
	String requireKustomize() {
		Result version = run(Path.of("."), List.of(this.command, "version", "--client"));
		Matcher matcher = KUSTOMIZE_VERSION.matcher(version.out());
		if (version.exit() != 0 || !matcher.find()) {
			throw new IllegalStateException("'" + this.command + " version --client' names no kustomize version (exit "
					+ version.exit() + "): " + version.out() + version.err() + help());
		}
		int major = Integer.parseInt(matcher.group(1));
		if (major < MINIMUM_KUSTOMIZE_MAJOR) {
			throw new IllegalStateException(this.command + " embeds kustomize " + matcher.group() + ", older than v"
					+ MINIMUM_KUSTOMIZE_MAJOR + help());
		}
		return "v" + matcher.group(1) + "." + matcher.group(2);
	}

	/**
	 * Renders one kustomization directory.
	 * @param directory the overlay
	 * @return the rendered YAML stream
	 */
	String kustomize(Path directory) {
		Result result = run(directory, List.of(this.command, "kustomize", directory.toString()));
		if (result.exit() != 0) {
			throw new IllegalStateException(
					"kubectl kustomize " + directory + " failed (exit " + result.exit() + "):\n" + result.err());
		}
		return result.out();
	}

	private static String help() {
		return ". The deploy tests need kubectl 1.27 or newer (kustomize v5): the Kubernetes project's apt "
				+ "repository (package kubectl) or a kubectl binary, given with -Dmillgate.kubectl=/path/to/kubectl.";
	}

	private static Result run(Path directory, List<String> command) {
		try {
			Path out = Files.createTempFile("kubectl", ".out");
			Path err = Files.createTempFile("kubectl", ".err");
			try {
				Process process = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
					.redirectOutput(out.toFile())
					.redirectError(err.toFile())
					.start();
				if (!process.waitFor(120, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 s");
				}
				return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
						Files.readString(err, StandardCharsets.UTF_8));
			}
			finally {
				Files.deleteIfExists(out);
				Files.deleteIfExists(err);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + String.join(" ", command) + ": " + ex.getMessage() + help(),
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private record Result(int exit, String out, String err) {
	}

}
