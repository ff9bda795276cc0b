package org.millgate.providers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

import au.com.dius.pact.provider.junit5.HttpTestTarget;
import au.com.dius.pact.provider.junit5.PactVerificationContext;
import au.com.dius.pact.provider.junit5.PactVerificationInvocationContextProvider;
import au.com.dius.pact.provider.junitsupport.Consumer;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.filter.InteractionFilter;
import au.com.dius.pact.provider.junitsupport.loader.PactFilter;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import com.sun.net.httpserver.HttpServer;
import org.apache.hc.core5.http.HttpRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MES pact's order interaction verified against production-order-api behind a proxy
 * that breaks its response on the wire: what the build would meet if a change of the
 * product dropped a field the MES relies on. Not run by Surefire itself (its name is no
 * test class name); {@code ProvidersKeepThePactsTests} runs it and expects it to fail.
 */
@Provider("production-orders")
@Consumer("mes")
@PactFolder("pacts")
@PactFilter(value = "^/v1/production-orders/1000043$", filter = InteractionFilter.ByRequestPath.class)
class TamperedProvider {

	static volatile int port;

	static volatile String token;

	@BeforeEach
	void target(PactVerificationContext context) {
		context.setTarget(new HttpTestTarget("localhost", port));
	}

	@TestTemplate
	@ExtendWith(PactVerificationInvocationContextProvider.class)
	void keepsThePact(PactVerificationContext context, HttpRequest request) {
		request.setHeader("Authorization", "Bearer " + token);
		context.verifyInteraction();
	}

	@State("production order 1000043 of plant 1000 is released")
	void released() {
		// seed data
	}

	/**
	 * A proxy to a service that rewrites each response body.
	 * @param target the service's port
	 * @param tamper what it does to a body
	 * @return the running proxy
	 */
	static HttpServer proxy(int target, UnaryOperator<String> tamper) {
		HttpClient http = HttpClient.newHttpClient();
		try {
			HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			proxy.createContext("/", (exchange) -> {
				var forward = java.net.http.HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + target + exchange.getRequestURI()))
					.method(exchange.getRequestMethod(),
							BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
				exchange.getRequestHeaders().forEach((name, values) -> {
					if (name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Accept")) {
						values.forEach((value) -> forward.header(name, value));
					}
				});
				try {
					HttpResponse<String> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofString());
					byte[] body = tamper.apply(response.body()).getBytes(StandardCharsets.UTF_8);
					response.headers()
						.firstValue("Content-Type")
						.ifPresent((type) -> exchange.getResponseHeaders().set("Content-Type", type));
					exchange.sendResponseHeaders(response.statusCode(), body.length);
					exchange.getResponseBody().write(body);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					exchange.sendResponseHeaders(502, -1);
				}
				finally {
					exchange.close();
				}
			});
			proxy.start();
			return proxy;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
