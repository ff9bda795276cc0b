package org.millgate.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.millgate.contracts.access.Caller;

/**
 * A local stand-in for identity's registration and client management, on a free port: it
 * keeps what the portal registers and changes (scopes, plan, plants, partner), and puts
 * on a client's token the claims identity puts there (a partner's token has
 * {@code plants} only when the client has some), read as the gateway reads them.
 */
final class StubIdentity implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final Map<String, Client> clients = new ConcurrentHashMap<>();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	StubIdentity() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/oauth2/", this::handle);
		this.server.start();
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/**
	 * The client as identity keeps it, while it is registered.
	 */
	Optional<Client> client(String clientId) {
		return Optional.ofNullable(this.clients.get(clientId)).filter((client) -> !client.deleted());
	}

	/**
	 * What the gateway reads from a token of the client.
	 */
	Caller caller(String clientId) {
		Client client = client(clientId).orElseThrow();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("client_id", clientId);
		claims.put("scope", String.join(" ", client.scopes()));
		if (!client.plants().isEmpty()) {
			claims.put("plants", client.plants());
		}
		claims.put("partner_id", client.partnerId());
		claims.put("plan", client.plan());
		return Caller.fromClaims(claims, "partner-basic");
	}

	/**
	 * Every request received, as {@code METHOD path body}.
	 */
	List<String> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	@SuppressWarnings("unchecked")
	private void handle(HttpExchange exchange) throws IOException {
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.requests.add(method + " " + path + " " + body);
		if (path.equals("/oauth2/token")) {
			answer(exchange, 200, Map.of("access_token", "registrar-" + UUID.randomUUID(), "expires_in", 300));
		}
		else if (path.equals("/oauth2/register") && method.equals("POST")) {
			Map<String, Object> request = JSON.readValue(body, Map.class);
			String clientId = "app-" + UUID.randomUUID();
			this.clients.put(clientId,
					new Client(words(request.get("scope")), String.valueOf(request.get("plan")),
							(List<String>) request.getOrDefault("plants", List.of()),
							String.valueOf(request.get("partner_id")), false));
			answer(exchange, 201, Map.of("client_id", clientId, "client_secret", "secret-" + UUID.randomUUID()));
		}
		else if (path.startsWith("/oauth2/clients/")) {
			String clientId = path.substring("/oauth2/clients/".length()).replace("/secret", "");
			Client client = client(clientId).orElse(null);
			if (client == null) {
				answer(exchange, 404, Map.of("error", "invalid_client"));
			}
			else if (method.equals("PUT")) {
				Map<String, Object> request = JSON.readValue(body, Map.class);
				this.clients.put(clientId, new Client(words(request.get("scope")), String.valueOf(request.get("plan")),
						(List<String>) request.getOrDefault("plants", List.of()), client.partnerId(), false));
				answer(exchange, 200, Map.of("client_id", clientId));
			}
			else if (method.equals("DELETE")) {
				this.clients.put(clientId,
						new Client(client.scopes(), client.plan(), client.plants(), client.partnerId(), true));
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			}
			else {
				answer(exchange, 200, Map.of("client_id", clientId, "client_secret", "secret-" + UUID.randomUUID()));
			}
		}
		else {
			answer(exchange, 404, Map.of("error", "not_found"));
		}
	}

	private static List<String> words(Object text) {
		return (text == null || String.valueOf(text).isBlank()) ? List.of()
				: new ArrayList<>(List.of(String.valueOf(text).trim().split("\\s+")));
	}

	private static void answer(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	/**
	 * A registered client.
	 *
	 * @param scopes its scopes
	 * @param plan its plan
	 * @param plants its plants
	 * @param partnerId its partner
	 * @param deleted whether it was revoked
	 */
	record Client(List<String> scopes, String plan, List<String> plants, String partnerId, boolean deleted) {

	}

}
