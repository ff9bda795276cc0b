package org.millgate.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import org.millgate.testing.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keep-alive connections keep being answered: a client that sends its next request as
 * soon as it has read an answer (as MES clients and the gateway's connection pool do)
 * must not hang. Reactor Netty 1.3.6 left such a request unread now and then
 * (reactor-netty#4361); the services start with the stopgap that avoids it.
 */
class KeepAliveTests {

	@Test
	void quickSuccessiveRequestsOnOneConnectionAreAllAnswered() throws IOException {
		Platform platform = Platform.get();
		List<String> requests = List.of("GET /v1/production-orders HTTP/1.1", "GET /v1/production-orders HTTP/1.1",
				"GET /v1/production-orders HTTP/1.1", "GET /actuator/health HTTP/1.1",
				"GET /v1/production-orders HTTP/1.1");
		List<String> authorizations = List.of("", "Authorization: Bearer x.y.z\r\n", "Authorization: Bearer x.y.z\r\n",
				"", "Authorization: Bearer x.y.z\r\n");
		int hung = 0;
		for (int connection = 0; connection < 150; connection++) {
			try (Socket socket = new Socket("127.0.0.1", platform.port("production-order-api"))) {
				socket.setSoTimeout(3000);
				OutputStream out = socket.getOutputStream();
				InputStream in = socket.getInputStream();
				for (int i = 0; i < requests.size(); i++) {
					out.write((requests.get(i) + "\r\nHost: localhost\r\n" + authorizations.get(i) + "\r\n")
						.getBytes(StandardCharsets.US_ASCII));
					out.flush();
					readResponse(in);
				}
			}
			catch (SocketTimeoutException ex) {
				hung++;
			}
		}
		assertThat(hung).as("connections whose next request was never answered").isZero();
	}

	private static void readResponse(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				throw new IOException("connection closed");
			}
			head.write(b);
		}
		int length = 0;
		for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(15).trim());
			}
		}
		in.readNBytes(length);
	}

}
