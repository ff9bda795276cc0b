package org.millgate.testing.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The platform's topology as {@code services.conf} at the repository root describes it,
 * the one list the launcher, the benchmark and these tests read: each service with its
 * port, module, health path and start stage, and the links that tell each service where
 * the others are.
 *
 * @param services the services, in the file's order
 * @param links the links, in the file's order
 */
public record Topology(List<Service> services, List<Link> links) {

	/** The topology file, at the repository root. */
	public static final String FILE = "services.conf";

	/**
	 * Reads the topology of a repository.
	 * @param root the repository root
	 * @return the topology
	 * @throws IllegalStateException naming the line that cannot be read
	 */
	public static Topology read(Path root) {
		List<String> lines;
		try {
			lines = Files.readAllLines(root.resolve(FILE));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Service> services = new ArrayList<>();
		List<Link> links = new ArrayList<>();
		int stage = 0;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] fields = line.split("\\s+");
			if (fields[0].equals("link") && (fields.length == 3 || fields.length == 4)) {
				links.add(new Link(fields[1], fields[2], (fields.length == 4) ? fields[3] : ""));
			}
			else if (fields.length == 4 || fields.length == 5) {
				stage = (fields.length == 5) ? Integer.parseInt(fields[4]) : stage + 1;
				services.add(new Service(fields[0], Integer.parseInt(fields[1]), fields[2], fields[3], stage));
			}
			else {
				throw new IllegalStateException(
						FILE + " line " + (i + 1) + " is neither a service nor a link: " + line);
			}
		}
		Topology topology = new Topology(List.copyOf(services), List.copyOf(links));
		topology.links.forEach((link) -> topology.service(link.service()));
		return topology;
	}

	/**
	 * A service by name.
	 * @param name the name
	 * @return the service
	 * @throws IllegalStateException when there is none
	 */
	public Service service(String name) {
		return this.services.stream()
			.filter((service) -> service.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(FILE + " has no service '" + name + "'"));
	}

	/**
	 * The services by stage, in start order.
	 * @return stage → its services
	 */
	public Map<Integer, List<Service>> stages() {
		Map<Integer, List<Service>> stages = new TreeMap<>();
		this.services
			.forEach((service) -> stages.computeIfAbsent(service.stage(), (key) -> new ArrayList<>()).add(service));
		return stages;
	}

	/**
	 * The environment the links give every service.
	 * @param port the port each service listens on, by service
	 * @return variable → URL
	 */
	public Map<String, String> environment(ToIntFunction<Service> port) {
		Map<String, String> environment = new LinkedHashMap<>();
		for (Link link : this.links) {
			environment.put(link.variable(),
					"http://localhost:" + port.applyAsInt(service(link.service())) + link.path());
		}
		return environment;
	}

	/**
	 * A runnable service.
	 *
	 * @param name its name
	 * @param port the port the launcher starts it on
	 * @param module the Maven module with its executable jar
	 * @param health its health path
	 * @param stage its start stage
	 */
	public record Service(String name, int port, String module, String health, int stage) {

	}

	/**
	 * Where a service is, for the others.
	 *
	 * @param variable the environment variable
	 * @param service the service it points at
	 * @param path the path after the service's base URL, or empty
	 */
	public record Link(String variable, String service, String path) {

	}

}
