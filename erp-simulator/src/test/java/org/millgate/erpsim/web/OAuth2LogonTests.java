package org.millgate.erpsim.web;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.millgate.erpsim.web.SimulatorClient.ORDERS;

/**
 * {@code erp.auth=oauth2}: the simulated ERP accepts only the bearer tokens of its token
 * endpoint, as an S/4HANA Cloud communication arrangement with OAuth 2.0 does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=erp-simulator", "erp.auth=oauth2" })
@AutoConfigureWebTestClient
class OAuth2LogonTests {

	private static final String ORDER = ORDERS + "/A_ProductionOrder_2('1000001')";

	@Autowired
	WebTestClient client;

	@BeforeEach
	void reset() {
		this.client.post().uri("/_sim/reset").exchange().expectStatus().isNoContent();
	}

	@Test
	void should_refuse_basic_authentication_when_oauth2_is_required() {
		new SimulatorClient(this.client).get(ORDER)
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.value("WWW-Authenticate", (value) -> assertThat(value).startsWith("Bearer realm="));
	}

	@Test
	void should_serve_a_bearer_token_of_its_own_endpoint_when_oauth2_is_required() {
		String token = token();

		this.client.get()
			.uri(ORDER)
			.headers((headers) -> headers.setBearerAuth(token))
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.d.ManufacturingOrder")
			.isEqualTo("1000001");
		assertThat(lastRequest().get("user")).isEqualTo("OAUTH2CLIENT");
	}

	@Test
	void should_refuse_a_token_it_did_not_issue_when_oauth2_is_required() {
		this.client.get()
			.uri(ORDER)
			.headers((headers) -> headers.setBearerAuth("forged-token"))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	private String token() {
		Map<?, ?> answer = this.client.post()
			.uri("/_sim/oauth2/token")
			.headers((headers) -> headers.setBasicAuth("millgate", "millgate"))
			.body(BodyInserters.fromFormData("grant_type", "client_credentials"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (String) answer.get("access_token");
	}

	private Map<?, ?> lastRequest() {
		return (Map<?, ?>) this.client.get()
			.uri("/_sim/last-requests")
			.exchange()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("production-orders");
	}

}
