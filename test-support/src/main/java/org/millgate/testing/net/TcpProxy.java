package org.millgate.testing.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback between a service and a dependency of it (the ERP, Redis), so
 * that a test can take the dependency away as a network would: {@link #cut()} resets
 * every open connection and every new one, until {@link #restore()};
 * {@link #hold(boolean)} keeps connections open but relays nothing, as a dependency that
 * hangs. The dependency itself keeps running, untouched, for the other tests of the
 * machine.
 */
public final class TcpProxy implements AutoCloseable {

	private final String name;

	private final InetSocketAddress target;

	private final ServerSocket listener;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicLong refused = new AtomicLong();

	private volatile boolean cut;

	private volatile boolean held;

	private final Object gate = new Object();

	private volatile boolean closed;

	/**
	 * Listens on a free loopback port and relays each connection to the target.
	 * @param name what it stands for, in thread names
	 * @param host the target host
	 * @param port the target port
	 */
	public TcpProxy(String name, String host, int port) {
		this.name = name;
		this.target = new InetSocketAddress(host, port);
		try {
			this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Thread acceptor = new Thread(this::accept, "proxy-" + name);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return this.listener.getLocalPort();
	}

	/**
	 * Resets every open connection, and every new one until {@link #restore()}: to its
	 * clients the dependency is down.
	 */
	public void cut() {
		this.cut = true;
		for (Socket socket : this.open) {
			reset(socket);
		}
	}

	/** Relays again. */
	public void restore() {
		this.cut = false;
	}

	/**
	 * Keeps connections open but relays nothing while held: the dependency hangs for its
	 * clients.
	 * @param hold true to hold, false to relay again
	 */
	public void hold(boolean hold) {
		synchronized (this.gate) {
			this.held = hold;
			this.gate.notifyAll();
		}
	}

	/**
	 * Connections refused since this proxy started, while cut: each one an attempt of a
	 * client to reach the dependency.
	 * @return the count
	 */
	public long refused() {
		return this.refused.get();
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.listener.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.open.forEach(TcpProxy::reset);
	}

	private void accept() {
		while (!this.closed) {
			Socket client;
			try {
				client = this.listener.accept();
			}
			catch (IOException ex) {
				if (this.closed) {
					return;
				}
				continue;
			}
			if (this.cut) {
				this.refused.incrementAndGet();
				reset(client);
				continue;
			}
			Socket upstream = new Socket();
			try {
				upstream.connect(this.target, 2000);
				client.setTcpNoDelay(true);
				upstream.setTcpNoDelay(true);
			}
			catch (IOException ex) {
				reset(client);
				close(upstream);
				continue;
			}
			this.open.add(client);
			this.open.add(upstream);
			pump(client, upstream, "up");
			pump(upstream, client, "down");
		}
	}

	private void pump(Socket from, Socket to, String direction) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					awaitRelease();
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side went away; the other follows
			}
			finally {
				this.open.remove(from);
				this.open.remove(to);
				if (this.cut) {
					reset(from);
					reset(to);
				}
				else {
					close(from);
					close(to);
				}
			}
		}, "proxy-" + this.name + "-" + direction);
		thread.setDaemon(true);
		thread.start();
	}

	private void awaitRelease() throws IOException {
		synchronized (this.gate) {
			while (this.held) {
				try {
					this.gate.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IOException("interrupted while held", ex);
				}
			}
		}
	}

	// RST rather than FIN: the peer sees "connection reset", as when a host goes away.
	private static void reset(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
		}
		catch (SocketException ex) {
			// closed already
		}
		close(socket);
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closed already
		}
	}

}
