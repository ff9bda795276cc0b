package org.millgate.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.millgate.testing.platform.Platform;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The master-data product as a plant's systems use it, through the gateway with
 * identity's tokens: a material's units and its bill of materials for MES, units and
 * storage locations for WMS, and a kept answer revalidated with its entity tag.
 */
class MasterDataTests {

	static Platform platform;

	@BeforeAll
	static void platform() {
		platform = Platform.get();
	}

	@Test
	void mesReadsAMaterialsUnitsAndItsBillOfMaterialsAndRevalidatesWhatItKeeps() {
		String mes = platform.token("mes-plant-1000");

		HttpResponse<String> material = get("/v1/materials/FG-110", mes, "de");
		HttpResponse<String> bom = get("/v1/materials/FG-100/bill-of-materials?plant=1000&validOn=2026-07-01", mes,
				null);

		assertThat(material.statusCode()).as(material.body()).isEqualTo(200);
		assertThat(material.body()).contains("\"description\":\"Filtergehäuse FH-110 mit Bypass\"")
			.contains("{\"unit\":\"CT\",\"numerator\":12,\"denominator\":1}");
		assertThat(material.headers().firstValue("Content-Language")).hasValue("de");
		assertThat(material.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).matches("private, max-age=\\d+"));
		assertThat(material.headers().firstValue("RateLimit")).isPresent();
		assertThat(bom.statusCode()).as(bom.body()).isEqualTo(200);
		assertThat(bom.body()).contains("\"component\":\"RM-220\"").doesNotContain("\"component\":\"RM-200\"");

		String etag = material.headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> kept = platform
			.send(request("/v1/materials/FG-110", mes, "de").header("If-None-Match", etag).GET().build());
		assertThat(kept.statusCode()).as("unchanged, through the gateway").isEqualTo(304);
		assertThat(kept.body()).isEmpty();
		assertThat(kept.headers().firstValue("ETag")).hasValue(etag);
		assertThat(kept.headers().firstValue("X-Correlation-Id")).isPresent();
	}

	@Test
	void wmsReadsUnitsWithTheirDecimalsAndItsPlantsStorageLocations() {
		String wms = platform.token("wms-plant-1000");

		HttpResponse<String> units = get("/v1/units-of-measure", wms, null);
		HttpResponse<String> locations = get("/v1/plants/1000/storage-locations", wms, null);
		HttpResponse<String> material = get("/v1/materials/RM-200", wms, null);

		assertThat(units.body())
			.contains("{\"unit\":\"H87\",\"isoCode\":\"PCE\",\"dimension\":\"COUNT\",\"decimals\":0");
		assertThat(locations.body()).contains("\"storageLocation\":\"0001\"", "\"name\":\"Main warehouse\"");
		assertThat(material.body()).contains("\"batchManaged\":true");
	}

	private static HttpResponse<String> get(String path, String token, String language) {
		return platform.send(request(path, token, language).GET().build());
	}

	private static HttpRequest.Builder request(String path, String token, String language) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gateway() + path))
			.header("Authorization", "Bearer " + token);
		if (language != null) {
			request.header("Accept-Language", language);
		}
		return request;
	}

}
