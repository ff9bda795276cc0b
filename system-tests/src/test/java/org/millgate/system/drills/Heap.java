package org.millgate.system.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.millgate.testing.platform.Platform;

/**
 * The heap a service keeps after a full collection: {@code jcmd <pid> GC.run}, then the
 * used heap from its Prometheus endpoint.
 */
final class Heap {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private Heap() {
	}

	/**
	 * Collects and measures.
	 * @param platform the platform
	 * @param service the service
	 * @return bytes of heap in use right after a full collection
	 */
	static long afterFullGc(Platform platform, String service) {
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		try {
			Process gc = new ProcessBuilder(jcmd, Long.toString(platform.pid(service)), "GC.run")
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!gc.waitFor(30, TimeUnit.SECONDS) || gc.exitValue() != 0) {
				throw new IllegalStateException("jcmd GC.run failed for " + service);
			}
			String metrics = HTTP
				.send(HttpRequest.newBuilder(URI.create(platform.url(service) + "/actuator/prometheus")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			double used = metrics.lines()
				.filter((line) -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\""))
				.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
			if (used <= 0) {
				throw new IllegalStateException(service + " reports no heap in use");
			}
			return (long) used;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
