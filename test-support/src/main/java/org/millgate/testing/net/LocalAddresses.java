package org.millgate.testing.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/**
 * This machine's addresses besides loopback, for tests that check a port is (or is not)
 * reachable from anything but loopback.
 */
public final class LocalAddresses {

	private LocalAddresses() {
	}

	/**
	 * The IPv4 addresses of this machine that are neither loopback nor link-local.
	 * @return the addresses, empty on a machine with loopback only
	 */
	public static List<InetAddress> others() {
		try {
			return Collections.list(NetworkInterface.getNetworkInterfaces())
				.stream()
				.flatMap((network) -> Collections.list(network.getInetAddresses()).stream())
				.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress()
						&& !address.isLinkLocalAddress())
				.toList();
		}
		catch (SocketException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether a TCP connection to an address and port is accepted within 2 seconds.
	 * @param address the address
	 * @param port the port
	 * @return true when it connects
	 */
	public static boolean connects(InetAddress address, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 2000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
