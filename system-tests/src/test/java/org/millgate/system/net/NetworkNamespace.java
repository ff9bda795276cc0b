package org.millgate.system.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Another host on the network, made by the test: a Linux network namespace joined to this
 * machine by a veth pair, with an address of its own in a /30 of the benchmarking range
 * (198.18.0.0/15), so that a request from it reaches this machine from an address that is
 * not loopback, as a host on the plant network would. Needs {@code ip} and the capability
 * to make namespaces (root, or CAP_NET_ADMIN and CAP_SYS_ADMIN); {@link #unavailable()}
 * says why not when this machine lacks them.
 */
public final class NetworkNamespace implements AutoCloseable {

	private final String name;

	private final String hostSide;

	private final String hostAddress;

	private final String peerAddress;

	private NetworkNamespace(String name, String hostSide, String hostAddress, String peerAddress) {
		this.name = name;
		this.hostSide = hostSide;
		this.hostAddress = hostAddress;
		this.peerAddress = peerAddress;
	}

	/**
	 * Whether namespaces can be made here and {@code curl} runs in them.
	 * @return null when they can, else why not
	 */
	public static String unavailable() {
		try {
			Result ip = run(List.of("ip", "netns", "list"));
			if (ip.code() != 0) {
				return "'ip netns' fails here: " + ip.output();
			}
			Result curl = run(List.of("curl", "--version"));
			return (curl.code() == 0) ? null : "curl is not installed";
		}
		catch (IOException ex) {
			return "'ip' or 'curl' cannot be run: " + ex.getMessage();
		}
	}

	/**
	 * Makes a namespace with a veth pair to this machine.
	 * @return the namespace; close it to remove it with its link
	 */
	public static NetworkNamespace create() {
		int id = ThreadLocalRandom.current().nextInt(1, 16_000);
		// a /30 of 198.18.0.0/15: host side .1, namespace side .2
		int base = id * 4;
		String prefix = "198." + (18 + (base >> 16)) + "." + ((base >> 8) & 0xff) + ".";
		String host = prefix + ((base & 0xff) + 1);
		String peer = prefix + ((base & 0xff) + 2);
		String name = "millgate-" + id;
		String hostSide = "mgh" + id;
		String peerSide = "mgp" + id;
		NetworkNamespace namespace = new NetworkNamespace(name, hostSide, host, peer);
		try {
			namespace.must("ip", "netns", "add", name);
			namespace.must("ip", "link", "add", hostSide, "type", "veth", "peer", "name", peerSide);
			namespace.must("ip", "link", "set", peerSide, "netns", name);
			namespace.must("ip", "addr", "add", host + "/30", "dev", hostSide);
			namespace.must("ip", "link", "set", hostSide, "up");
			namespace.must("ip", "netns", "exec", name, "ip", "addr", "add", peer + "/30", "dev", peerSide);
			namespace.must("ip", "netns", "exec", name, "ip", "link", "set", peerSide, "up");
			namespace.must("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
			return namespace;
		}
		catch (RuntimeException ex) {
			namespace.close();
			throw ex;
		}
	}

	/**
	 * This machine's address as the namespace sees it.
	 * @return an IPv4 address
	 */
	public String hostAddress() {
		return this.hostAddress;
	}

	/**
	 * The namespace's own address, the peer address this machine sees.
	 * @return an IPv4 address
	 */
	public String peerAddress() {
		return this.peerAddress;
	}

	/**
	 * A GET from inside the namespace, the path sent exactly as given.
	 * @param port the port on this machine
	 * @param path the raw path, percent-encodings and dot segments untouched
	 * @param headers request headers, each {@code Name: value}
	 * @return the status code, or 0 when no connection could be made
	 */
	public int get(int port, String path, String... headers) {
		List<String> command = new ArrayList<>(List.of("curl", "--silent", "--path-as-is", "--max-time", "10",
				"--output", "/dev/null", "--write-out", "%{http_code}"));
		for (String header : headers) {
			command.add("--header");
			command.add(header);
		}
		command.add("http://" + this.hostAddress + ":" + port + path);
		Result result = exec(command);
		String code = result.output().trim();
		return code.matches("\\d{3}") ? Integer.parseInt(code) : 0;
	}

	/**
	 * Whether a TCP connection to a port of this machine is accepted from the namespace.
	 * @param port the port
	 * @return true when it connects
	 */
	public boolean connects(int port) {
		Result result = exec(List.of("curl", "--silent", "--max-time", "5", "--output", "/dev/null", "--write-out",
				"%{http_code}", "http://" + this.hostAddress + ":" + port + "/"));
		return !"000".equals(result.output().trim());
	}

	private Result exec(List<String> command) {
		List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", this.name));
		inside.addAll(command);
		try {
			return run(inside);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void must(String... command) {
		try {
			Result result = run(List.of(command));
			if (result.code() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		try {
			run(List.of("ip", "link", "del", this.hostSide));
			run(List.of("ip", "netns", "del", this.name));
		}
		catch (IOException ex) {
			// nothing left to remove
		}
	}

	private static Result run(List<String> command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		try {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return new Result(-1, "timed out");
			}
			return new Result(process.exitValue(),
					new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			return new Result(-1, "interrupted");
		}
	}

	private record Result(int code, String output) {

	}

}
