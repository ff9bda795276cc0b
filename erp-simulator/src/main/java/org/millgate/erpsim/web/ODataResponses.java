package org.millgate.erpsim.web;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import reactor.core.publisher.Mono;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerResponse;

import org.millgate.erpsim.odata.ODataException;
import org.millgate.erpsim.odata.ODataVersion;

/**
 * Responses as SAP Gateway writes them, errors included.
 */
final class ODataResponses {

	private ODataResponses() {
	}

	static Mono<ServerResponse> json(HttpStatus status, ObjectNode body, ODataVersion version) {
		return json(status, body, version, null);
	}

	// v2 answers carry DataServiceVersion, v4 answers OData-Version.
	static Mono<ServerResponse> json(HttpStatus status, ObjectNode body, ODataVersion version, String etag) {
		ServerResponse.BodyBuilder response = ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON);
		if (version == ODataVersion.V4) {
			response.header("OData-Version", "4.0");
		}
		else {
			response.header("DataServiceVersion", "2.0");
		}
		if (etag != null) {
			response.eTag(etag);
		}
		return response.bodyValue(body.toString());
	}

	/**
	 * The OData error body: v2
	 * {@code {"error":{"code","message":{"lang","value"},"innererror"}}}, v4
	 * {@code {"error":{"code","message","details"}}}.
	 */
	static Mono<ServerResponse> error(ODataException error, ODataVersion version) {
		JsonNodeFactory json = JsonNodeFactory.instance;
		ObjectNode body = json.objectNode();
		ObjectNode content = body.putObject("error");
		content.put("code", error.code());
		if (version == ODataVersion.V4) {
			content.put("message", error.getMessage());
			content.putArray("details");
		}
		else {
			content.putObject("message").put("lang", "en").put("value", error.getMessage());
			ObjectNode inner = content.putObject("innererror");
			inner.put("transactionid", UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT));
			inner.put("timestamp", Instant.now().toString());
			inner.putArray("errordetails")
				.addObject()
				.put("code", error.code())
				.put("message", error.getMessage())
				.put("severity", "error");
		}
		return ServerResponse.status(error.status()).contentType(MediaType.APPLICATION_JSON).bodyValue(body.toString());
	}

}
