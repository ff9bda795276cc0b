package org.millgate.erpsim.web;

import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Calls the simulator as an OData client would: basic auth, JSON, the CSRF handshake with
 * its session cookie for writes.
 */
final class SimulatorClient {

	static final String ORDERS = "/sap/opu/odata/sap/API_PRODUCTION_ORDER_2_SRV";

	static final String CONFIRMATIONS = "/sap/opu/odata/sap/API_PROD_ORDER_CONFIRMATION_2_SRV";

	static final String STOCK = "/sap/opu/odata/sap/API_MATERIAL_STOCK_SRV";

	static final String DELIVERIES = "/sap/opu/odata/sap/API_OUTBOUND_DELIVERY_SRV;v=0002";

	static final String MATERIAL_DOCUMENTS = "/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV";

	private final WebTestClient client;

	private final String user;

	private final String password;

	SimulatorClient(WebTestClient client) {
		this(client, "millgate", "millgate");
	}

	SimulatorClient(WebTestClient client, String user, String password) {
		this.client = client;
		this.user = user;
		this.password = password;
	}

	WebTestClient.ResponseSpec get(String uri) {
		return this.client.get().uri(uri).headers(this::authenticated).accept(MediaType.APPLICATION_JSON).exchange();
	}

	WebTestClient.ResponseSpec getAnonymous(String uri) {
		return this.client.get().uri(uri).exchange();
	}

	/**
	 * Fetches a CSRF token and the session cookie, then posts with both.
	 */
	WebTestClient.ResponseSpec post(String uri, String json) {
		Session session = session();
		return this.client.post()
			.uri(uri)
			.headers(this::authenticated)
			.headers(session::apply)
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

	WebTestClient.ResponseSpec postWithout(String uri, String json) {
		return this.client.post()
			.uri(uri)
			.headers(this::authenticated)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

	WebTestClient.ResponseSpec patch(String uri, String json, Consumer<HttpHeaders> headers) {
		Session session = session();
		return this.client.patch()
			.uri(uri)
			.headers(this::authenticated)
			.headers(session::apply)
			.headers(headers)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange();
	}

	Session session() {
		EntityExchangeResult<byte[]> fetched = this.client.get()
			.uri(ORDERS + "/$metadata")
			.headers(this::authenticated)
			.header("X-CSRF-Token", "Fetch")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult();
		String token = fetched.getResponseHeaders().getFirst("X-CSRF-Token");
		String cookie = fetched.getResponseCookies().getFirst("SAP_SESSIONID_SIM_100").getValue();
		return new Session(token, cookie);
	}

	WebTestClient raw() {
		return this.client;
	}

	void authenticated(HttpHeaders headers) {
		headers.setBasicAuth(this.user, this.password);
	}

	record Session(String token, String cookie) {

		void apply(HttpHeaders headers) {
			headers.set("X-CSRF-Token", this.token);
			headers.add(HttpHeaders.COOKIE, "SAP_SESSIONID_SIM_100=" + this.cookie);
		}

	}

}
