package org.millgate.identity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A caller of identity from a loopback address of its own ({@code 127.0.0.2} and so on:
 * Linux routes all of {@code 127.0.0.0/8} to the loopback interface), so that a test can
 * be a different client address from the others. Plain HTTP/1.0 over a socket bound to
 * that address (the JDK's HTTP client chooses no source address on Java 17); it keeps the
 * session cookie of the login form, as a browser would.
 */
final class FromAddress {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

	private final String address;

	private final int port;

	private String session;

	FromAddress(String address, int port) {
		this.address = address;
		this.port = port;
	}

	/**
	 * Signs in at the login form as a browser: the form (for its CSRF token), then the
	 * post.
	 * @param username the user name
	 * @param password the password
	 * @return the answer to the post
	 */
	Answer signIn(String username, String password) {
		Answer form = send("GET", "/login", Map.of("Accept", "text/html"), null);
		Matcher csrf = CSRF.matcher(form.body());
		if (!csrf.find()) {
			throw new AssertionError("no CSRF token in the login form: " + form);
		}
		return send("POST", "/login",
				Map.of("Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"),
				"username=" + encoded(username) + "&password=" + encoded(password) + "&_csrf=" + csrf.group(1));
	}

	/**
	 * Asks for a token by the client-credentials grant, as a machine.
	 * @param client the client id
	 * @param secret its secret
	 * @return the answer
	 */
	Answer token(String client, String secret) {
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return send(
				"POST", "/oauth2/token", Map.of("Authorization", "Basic " + basic, "Content-Type",
						"application/x-www-form-urlencoded", "Accept", "application/json"),
				"grant_type=client_credentials");
	}

	Answer send(String method, String path, Map<String, String> headers, String body) {
		byte[] content = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.0\r\n");
		request.append("Host: 127.0.0.1:").append(this.port).append("\r\n");
		headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		if (this.session != null) {
			request.append("Cookie: ").append(this.session).append("\r\n");
		}
		request.append("Content-Length: ").append(content.length).append("\r\n\r\n");
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(this.address, 0));
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 2000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(content);
			out.flush();
			Answer answer = Answer.read(socket.getInputStream());
			answer.header("Set-Cookie")
				.filter((cookie) -> cookie.startsWith("MILLGATE_IDENTITY_SESSION="))
				.ifPresent((cookie) -> this.session = cookie.substring(0, cookie.indexOf(';')));
			return answer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String encoded(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * An HTTP answer.
	 *
	 * @param status its status
	 * @param headers its headers, by lower-case name
	 * @param body its body
	 */
	record Answer(int status, Map<String, List<String>> headers, String body) {

		Optional<String> header(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()).stream().findFirst();
		}

		boolean signedIn() {
			return this.status == 302 && header("Location").filter((to) -> !to.contains("/login")).isPresent();
		}

		static Answer read(InputStream in) throws IOException {
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			in.transferTo(all);
			String text = all.toString(StandardCharsets.UTF_8);
			int end = text.indexOf("\r\n\r\n");
			String[] head = text.substring(0, end).split("\r\n");
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < head.length; i++) {
				int colon = head[i].indexOf(':');
				headers
					.computeIfAbsent(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
							(name) -> new ArrayList<>())
					.add(head[i].substring(colon + 1).trim());
			}
			return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, text.substring(end + 4));
		}

	}

}
