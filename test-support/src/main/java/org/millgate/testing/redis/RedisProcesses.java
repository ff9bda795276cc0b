package org.millgate.testing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The {@code redis-server} processes of one topology, each on a loopback port of its own,
 * stopped together (and when the JVM ends).
 */
class RedisProcesses implements AutoCloseable {

	private final Path directory;

	private final Map<Integer, Process> processes = new ConcurrentHashMap<>();

	private final Thread stopAtExit = new Thread(this::close, "redis-processes-stop");

	RedisProcesses(Path directory) {
		this.directory = directory;
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!Files.isExecutable(Path.of(server())) || !Files.isExecutable(Path.of(cli()))) {
			throw new IllegalStateException("These tests start real Redis servers: install Debian's redis-server "
					+ "and redis-tools (apt-get install redis-server), or set MILLGATE_REDIS_SERVER and "
					+ "MILLGATE_REDIS_CLI to the binaries");
		}
		Runtime.getRuntime().addShutdownHook(this.stopAtExit);
	}

	Path directory() {
		return this.directory;
	}

	/**
	 * Starts a {@code redis-server} and waits until it answers.
	 * @param port its port
	 * @param arguments its arguments after the port (a configuration file first, if any)
	 */
	void start(int port, List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(server());
		command.addAll(arguments);
		command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
				"no", "--dir", this.directory.toString(), "--dbfilename", "dump-" + port + ".rdb", "--daemonize", "no",
				"--logfile", this.directory.resolve("redis-" + port + ".log").toString()));
		try {
			this.processes.put(port,
					new ProcessBuilder(command).redirectErrorStream(true)
						.redirectOutput(this.directory.resolve("redis-" + port + ".out").toFile())
						.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Process started = this.processes.get(port);
		// our server, not another that answers on the port: it must still run, and say
		// its pid
		await(Duration.ofSeconds(10), () -> {
			if (!started.isAlive()) {
				throw new IllegalStateException("redis-server on " + port + " ended at start; see "
						+ this.directory.resolve("redis-" + port + ".log"));
			}
			return cli(port, "INFO", "server").contains("process_id:" + started.pid());
		}, "redis-server on " + port);
	}

	/**
	 * Kills a server as a crash would: no shutdown, no last save, connections reset.
	 * @param port its port
	 */
	void kill(int port) {
		Process process = this.processes.remove(port);
		if (process == null) {
			throw new IllegalArgumentException("No redis-server of this topology on port " + port);
		}
		process.destroyForcibly();
		try {
			process.waitFor(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	boolean isRunning(int port) {
		Process process = this.processes.get(port);
		return process != null && process.isAlive();
	}

	/**
	 * Runs {@code redis-cli} against a port.
	 * @param port the server's port
	 * @param arguments the command
	 * @return what it printed, or the empty string when it failed
	 */
	static String cli(int port, String... arguments) {
		List<String> command = new ArrayList<>(List.of(cli(), "-h", "127.0.0.1", "-p", Integer.toString(port)));
		command.addAll(List.of(arguments));
		return run(command);
	}

	static String run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				return "";
			}
			return new String(output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	/**
	 * A loopback port that is free now, and whose cluster bus port (10,000 above) is too.
	 * @return the port
	 */
	static int freePort() {
		for (int attempt = 0; attempt < 200; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(21000, 31000);
			if (free(port) && free(port + 10000)) {
				return port;
			}
		}
		throw new IllegalStateException("No free loopback port pair found for Redis");
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static void await(Duration within, BooleanSupplier condition, String what) {
		Instant deadline = Instant.now().plus(within);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("Not reached within " + within + ": " + what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + what, ex);
			}
		}
	}

	private static String server() {
		return System.getenv().getOrDefault("MILLGATE_REDIS_SERVER", "/usr/bin/redis-server");
	}

	static String cli() {
		return System.getenv().getOrDefault("MILLGATE_REDIS_CLI", "/usr/bin/redis-cli");
	}

	@Override
	public void close() {
		this.processes.values().forEach(Process::destroyForcibly);
		this.processes.clear();
		try {
			Runtime.getRuntime().removeShutdownHook(this.stopAtExit);
		}
		catch (IllegalStateException ex) {
			// the JVM is ending: the hook is what called this
		}
	}

}
