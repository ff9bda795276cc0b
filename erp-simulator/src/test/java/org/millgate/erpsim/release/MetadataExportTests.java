package org.millgate.erpsim.release;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import org.millgate.erpsim.ErpSimulatorApplication;
import org.millgate.erpsim.service.ODataService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The export erp-impact reads: every service of every release, byte for byte what the
 * running simulator serves, with an index of the services' paths.
 */
class MetadataExportTests {

	@TempDir
	Path dir;

	@Test
	void should_write_every_service_of_every_release_with_an_index_of_their_paths() throws IOException {
		List<Path> written = MetadataExport.export(this.dir);

		assertThat(written).extracting((release) -> release.getFileName().toString())
			.containsExactly("2020", "2022", "2023");
		for (ErpRelease release : ErpRelease.values()) {
			Path directory = this.dir.resolve(release.id());
			Properties index = new Properties();
			index.load(new StringReader(Files.readString(directory.resolve(MetadataExport.INDEX))));
			assertThat(index).hasSameSizeAs(release.services());
			for (ODataService service : release.services()) {
				assertThat(index.getProperty(service.id())).as("%s %s", release.id(), service.id())
					.isEqualTo(service.path());
				assertThat(directory.resolve(service.id() + ".xml")).content(StandardCharsets.UTF_8)
					.startsWith("<?xml")
					.contains("Edmx");
			}
		}
		assertThat(Files.readString(this.dir.resolve("2022").resolve(MetadataExport.INDEX)))
			.contains("deliveries=/sap/opu/odata/sap/API_OUTBOUND_DELIVERY_SRV;v=0002\n");
	}

	@Test
	void should_state_sap_s_limits_for_the_properties_the_facade_uses() throws IOException {
		MetadataExport.export(this.dir);
		Path release = this.dir.resolve("2022");

		assertThat(release.resolve("confirmations.xml")).content(StandardCharsets.UTF_8)
			.contains("<Property Name=\"ConfirmationGroup\" Type=\"Edm.String\" Nullable=\"false\" MaxLength=\"10\"/>",
					"<Property Name=\"ConfirmationText\" Type=\"Edm.String\" MaxLength=\"40\"/>",
					"<Property Name=\"ConfirmationYieldQuantity\" Type=\"Edm.Decimal\" Precision=\"13\" Scale=\"3\"/>",
					"<Property Name=\"OrderID\" Type=\"Edm.String\" MaxLength=\"12\"/>",
					"<Property Name=\"WorkCenter\" Type=\"Edm.String\" MaxLength=\"8\"/>");
		// UMREZ and UMREN: whole numbers of five digits
		assertThat(release.resolve("products.xml")).content(StandardCharsets.UTF_8)
			.contains("<Property Name=\"QuantityNumerator\" Type=\"Edm.Decimal\" Precision=\"5\" Scale=\"0\"/>",
					"<Property Name=\"Product\" Type=\"Edm.String\" Nullable=\"false\" MaxLength=\"40\"/>");
		assertThat(release.resolve("material-stock.xml")).content(StandardCharsets.UTF_8)
			.contains("<Property Name=\"Batch\" Type=\"Edm.String\" Nullable=\"false\" MaxLength=\"10\"/>",
					"<Property Name=\"MatlWrhsStkQtyInMatlBaseUnit\" Type=\"Edm.Decimal\" Precision=\"13\" Scale=\"3\"/>");
	}

	@Test
	void should_replace_an_earlier_export_and_leave_everything_else_alone() throws IOException {
		Path stale = Files.createDirectories(this.dir.resolve("2019"));
		Files.writeString(stale.resolve(MetadataExport.INDEX), "old=/old\n");
		Files.writeString(stale.resolve("old.xml"), "<old/>");
		Files.writeString(Files.createDirectories(this.dir.resolve("2022")).resolve("retired-service.xml"), "<x/>");
		Files.writeString(this.dir.resolve("2022").resolve(MetadataExport.INDEX), "retired-service=/x\n");
		Path other = Files.createDirectories(this.dir.resolve("notes"));
		Files.writeString(other.resolve("keep.xml"), "<keep/>");

		MetadataExport.export(this.dir);

		assertThat(stale).doesNotExist();
		assertThat(this.dir.resolve("2022").resolve("retired-service.xml")).doesNotExist();
		assertThat(other.resolve("keep.xml")).exists();
		try (Stream<Path> files = Files.list(this.dir.resolve("2022"))) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder(
					MetadataExport.INDEX, "production-orders.xml", "confirmations.xml", "material-stock.xml",
					"material-documents.xml", "reservations.xml", "deliveries.xml", "products.xml",
					"bills-of-material.xml", "plants.xml");
		}
	}

	@Test
	void should_write_exactly_what_the_running_simulator_serves() throws Exception {
		MetadataExport.export(this.dir);
		// 2023 has an OData v4 service next to the v2 ones
		try (ConfigurableApplicationContext simulator = new SpringApplicationBuilder(ErpSimulatorApplication.class).run(
				ErpSimulatorApplication.CONFIG_NAME, "--server.port=0", "--erp.release=2023",
				"--spring.main.banner-mode=off", "--logging.level.root=WARN")) {
			int port = ((WebServerApplicationContext) simulator).getWebServer().getPort();
			HttpClient http = HttpClient.newHttpClient();
			for (ODataService service : ErpRelease.S4HANA_2023.services()) {
				HttpResponse<String> served = http
					.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + service.path() + "/$metadata"))
						.header("Authorization",
								"Basic " + Base64.getEncoder()
									.encodeToString("millgate:millgate".getBytes(StandardCharsets.UTF_8)))
						.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

				assertThat(served.statusCode()).as(service.path()).isEqualTo(200);
				assertThat(this.dir.resolve("2023").resolve(service.id() + ".xml")).as(service.id())
					.content(StandardCharsets.UTF_8)
					.isEqualTo(served.body());
			}
		}
	}

	@Test
	void should_say_how_to_call_it() {
		assertThatIllegalArgumentException().isThrownBy(() -> MetadataExport.main(new String[0]))
			.withMessageStartingWith("usage: MetadataExport DIRECTORY");
	}

}
