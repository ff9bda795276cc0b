package org.millgate.system.drills;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A few Redis commands over one RESP connection, straight to the server (never through
 * the platform's link), so that a drill can look at what the gateway wrote.
 */
final class RedisProbe implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	RedisProbe(String url) {
		URI uri = URI.create(url);
		try {
			this.socket = new Socket(uri.getHost(), (uri.getPort() > 0) ? uri.getPort() : 6379);
			this.socket.setSoTimeout(5000);
			this.in = new BufferedInputStream(this.socket.getInputStream());
			this.out = this.socket.getOutputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs a command.
	 * @param arguments the command and its arguments
	 * @return a String, Long, List or null, as Redis answered
	 */
	Object command(String... arguments) {
		try {
			ByteArrayOutputStream request = new ByteArrayOutputStream();
			request.write(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.UTF_8));
			for (String argument : arguments) {
				byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
				request.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
				request.write(bytes);
				request.write("\r\n".getBytes(StandardCharsets.UTF_8));
			}
			this.out.write(request.toByteArray());
			this.out.flush();
			return read();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A hash field as a number.
	 * @param key the hash
	 * @param field the field
	 * @return its value, 0 when absent
	 */
	long hashNumber(String key, String field) {
		Object value = command("HGET", key, field);
		return (value == null) ? 0 : Long.parseLong(value.toString());
	}

	private Object read() throws IOException {
		int kind = this.in.read();
		String line = line();
		switch (kind) {
			case '+':
				return line;
			case '-':
				throw new IllegalStateException("Redis: " + line);
			case ':':
				return Long.parseLong(line);
			case '$': {
				int length = Integer.parseInt(line);
				if (length < 0) {
					return null;
				}
				byte[] bytes = this.in.readNBytes(length + 2);
				return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
			}
			case '*': {
				int count = Integer.parseInt(line);
				if (count < 0) {
					return null;
				}
				List<Object> items = new ArrayList<>();
				for (int i = 0; i < count; i++) {
					items.add(read());
				}
				return items;
			}
			default:
				throw new IllegalStateException("Unexpected Redis reply " + (char) kind + line);
		}
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = this.in.read()) != '\r') {
			if (c < 0) {
				throw new IOException("Redis closed the connection");
			}
			line.append((char) c);
		}
		this.in.read();
		return line.toString();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closed already
		}
	}

}
