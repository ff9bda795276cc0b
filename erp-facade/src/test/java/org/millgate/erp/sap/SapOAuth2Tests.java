package org.millgate.erp.sap;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.web.reactive.function.client.WebClient;

import org.millgate.erp.model.ProductionOrder;
import org.millgate.erp.port.ErpFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * OAuth2 client credentials toward an ERP that accepts nothing else (as an S/4HANA Cloud
 * communication arrangement with OAuth 2.0): one token for many calls, a refused token
 * renewed and the call sent again once, a token endpoint that is down or silent failing
 * in time, and the secret in no message.
 */
class SapOAuth2Tests {

	private static final GuardedSimulator erp = GuardedSimulator.of(List.of(), "--erp.auth=oauth2");

	@BeforeEach
	void revoke() {
		erp.revokeTokens();
	}

	@Test
	void should_read_an_order_with_a_bearer_token_when_the_erp_requires_oauth2() {
		assertThat(facade(erp, erp, "millgate").productionOrders().order("1000001", false).block().id())
			.isEqualTo("1000001");
		assertThat(erp.lastRequest("production-orders")).containsEntry("user", "OAUTH2CLIENT");
		assertThatThrownBy(() -> Simulators.facade("2022", "base-url", erp.baseUrl(), "retry.max-attempts", "1")
			.productionOrders()
			.order("1000001", false)
			.block()).as("basic authentication is refused").hasMessageContaining("refused the credentials (401)");
	}

	@Test
	void should_fetch_one_token_for_many_calls_while_it_is_valid() {
		SapErpFacade facade = facade(erp, erp, "millgate");
		long before = erp.calls("oauth2", "token");

		for (int i = 0; i < 3; i++) {
			facade.productionOrders().order("1000001", false).block();
		}
		facade.productionOrders().release("1000002").block();

		assertThat(erp.calls("oauth2", "token") - before).isOne();
	}

	@Test
	void should_fetch_a_new_token_and_call_again_once_when_the_erp_refuses_the_token() {
		SapErpFacade facade = facade(erp, erp, "millgate");
		facade.productionOrders().order("1000001", false).block();
		erp.revokeTokens();
		long tokens = erp.calls("oauth2", "token");
		long reads = erp.calls("production-orders", "GET");

		assertThat(facade.productionOrders().order("1000001", false).block().id()).isEqualTo("1000001");
		assertThat(erp.calls("oauth2", "token") - tokens).isOne();
		assertThat(erp.calls("production-orders", "GET") - reads).as("refused, then sent again").isEqualTo(2);
	}

	@Test
	void should_fetch_one_new_token_when_calls_refused_together_renew_it() {
		SapErpFacade facade = facade(erp, erp, "millgate");
		facade.productionOrders().order("1000001", false).block();
		erp.revokeTokens();
		long tokens = erp.calls("oauth2", "token");

		List<String> read = Flux.range(0, 8)
			.flatMap((i) -> facade.productionOrders().order("1000001", false).map(ProductionOrder::id))
			.collectList()
			.block();

		assertThat(read).hasSize(8).containsOnly("1000001");
		assertThat(erp.calls("oauth2", "token") - tokens).isOne();
	}

	@Test
	void should_call_again_only_once_when_the_erp_refuses_every_token() {
		// tokens of another ERP's endpoint: valid there, never here
		GuardedSimulator issuer = GuardedSimulator.of(List.of(), "--erp.auth=oauth2", "--erp.page-size=99");
		SapErpFacade facade = facade(issuer, erp, "millgate");
		long reads = erp.calls("production-orders", "GET");
		long tokens = issuer.calls("oauth2", "token");

		assertThatThrownBy(() -> facade.productionOrders().order("1000001", false).block())
			.isInstanceOf(ErpFailure.Unavailable.class)
			.hasMessageContaining("refused the credentials (401)");
		assertThat(erp.calls("production-orders", "GET") - reads).isEqualTo(2);
		assertThat(issuer.calls("oauth2", "token") - tokens).isEqualTo(2);
	}

	@Test
	void should_name_neither_secret_nor_try_again_when_the_token_endpoint_refuses_the_client() {
		SapErpFacade facade = facade(erp, erp, "s3cret-never-shown");

		assertThatThrownBy(() -> facade.productionOrders().order("1000001", false).block())
			.isInstanceOfSatisfying(ErpFailure.Unavailable.class,
					(failure) -> assertThat(failure.isTransient()).isFalse())
			.hasMessageContaining("the token endpoint refused the client (401)")
			.satisfies((failure) -> assertThat(failure.toString()).doesNotContain("s3cret-never-shown"));
	}

	@Test
	void should_fail_as_unavailable_when_the_token_endpoint_is_down() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		SapErpFacade facade = Simulators.facade("2022", "base-url", erp.baseUrl(), "auth.token-uri",
				"http://127.0.0.1:" + closed + "/oauth2/token", "auth.client-id", "millgate", "auth.client-secret",
				"millgate", "retry.max-attempts", "1");

		assertThatThrownBy(() -> facade.productionOrders().order("1000001", false).block(Duration.ofSeconds(10)))
			.isInstanceOf(ErpFailure.Unavailable.class)
			.hasMessageContaining("no OAuth2 token from http://127.0.0.1:" + closed);
	}

	@Test
	void should_give_up_in_time_and_not_keep_the_wait_when_the_token_endpoint_never_answers() throws Exception {
		List<Socket> held = new CopyOnWriteArrayList<>();
		try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
			Thread acceptor = new Thread(() -> {
				try {
					while (true) {
						held.add(silent.accept());
					}
				}
				catch (IOException ex) {
					// closed by the test
				}
			});
			acceptor.setDaemon(true);
			acceptor.start();
			ClientCredentials credentials = new ClientCredentials(WebClient.create(),
					URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/oauth2/token"), "millgate", "millgate",
					null, Clock.systemUTC(), Duration.ofMillis(500));

			assertThatThrownBy(() -> credentials.authorization().block(Duration.ofSeconds(5)))
				.isInstanceOf(ErpFailure.Unavailable.class)
				.hasMessageContaining("no answer within PT0.5S");
		}
		finally {
			for (Socket socket : held) {
				socket.close();
			}
		}
	}

	private static SapErpFacade facade(GuardedSimulator issuer, GuardedSimulator target, String secret) {
		return Simulators.facade("2022", "base-url", target.baseUrl(), "auth.token-uri",
				issuer.baseUrl() + "/_sim/oauth2/token", "auth.client-id", "millgate", "auth.client-secret", secret,
				"retry.max-attempts", "1");
	}

}
