package org.millgate.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialRevocationsTests {

	private static final String ISSUER = "http://identity.test";

	private final AtomicReference<String> list = new AtomicReference<>();

	private HttpServer server;

	private CredentialRevocations revocations;

	@BeforeEach
	void issuer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/oauth2/revocations", (exchange) -> {
			String body = this.list.get();
			if (body == null) {
				exchange.sendResponseHeaders(503, -1);
			}
			else {
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, bytes.length);
				exchange.getResponseBody().write(bytes);
			}
			exchange.close();
		});
		this.server.start();
		this.revocations = new CredentialRevocations(ISSUER,
				URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/oauth2/revocations"));
	}

	@AfterEach
	void stop() {
		this.revocations.close();
		this.server.stop(0);
	}

	@Test
	void tokensOfTheIssuerAreNotJudgedBeforeItsListWasEverRead() {
		this.revocations.refresh().block();
		assertThat(this.revocations.isRead()).isFalse();
		assertThatThrownBy(() -> this.revocations.refusal(token("mes-plant-1000", 1)))
			.isInstanceOf(CredentialRevocations.NotYetRead.class)
			.hasMessageContaining("has not been read yet");
		assertThat(this.revocations.refusal(Map.of("iss", "http://other.test", "client_id", "x")))
			.as("another issuer's token")
			.isNull();
	}

	@Test
	void revokedClientsAndRotatedSecretsAreRefusedAndTheLastListStaysWhenTheIssuerIsDown() {
		this.list.set("{\"revoked\":[\"gone\"],\"generations\":{\"rotated\":3}}");
		this.revocations.refresh().block();
		assertThat(this.revocations.refusal(token("gone", 1))).contains("has been revoked");
		assertThat(this.revocations.refusal(token("rotated", 2))).contains("rotated");
		assertThat(this.revocations.refusal(token("rotated", 3))).isNull();
		assertThat(this.revocations.refusal(token("mes-plant-1000", 0))).isNull();

		this.list.set(null);
		this.revocations.refresh().block();
		assertThat(this.revocations.refusal(token("gone", 1))).as("the last list, kept").contains("has been revoked");
	}

	@Test
	void anEmptyListIsAListRead() {
		this.list.set("{\"revoked\":[],\"generations\":{}}");
		this.revocations.refresh().block();
		assertThat(this.revocations.isRead()).isTrue();
		assertThat(this.revocations.refusal(token("mes-plant-1000", 0))).isNull();
	}

	private static Map<String, Object> token(String clientId, long generation) {
		return Map.of("iss", ISSUER, "client_id", clientId, "credential_generation", generation);
	}

}
