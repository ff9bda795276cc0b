package org.millgate.testing.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TopologyTests {

	@TempDir
	Path root;

	@Test
	void should_read_the_repositorys_own_topology() {
		Path repository = Path.of("").toAbsolutePath().getParent();

		Topology topology = Topology.read(repository);

		assertThat(topology.services()).extracting(Topology.Service::name)
			.contains("identity", "erp-simulator", "gateway");
		assertThat(topology.service("identity").stage()).isLessThan(topology.service("gateway").stage());
		assertThat(topology.links()).extracting(Topology.Link::variable).contains("MILLGATE_ISSUER");
	}

	@Test
	void should_group_services_by_stage_and_give_links_as_urls() throws IOException {
		write("a 9001 mod-a /health 1", "b 9002 mod-b /up 1", "c 9003 mod-c /health 2", "link A_URL a",
				"link B_KEYS b /keys");

		Topology topology = Topology.read(this.root);

		assertThat(topology.stages()).containsOnlyKeys(1, 2);
		assertThat(topology.stages().get(1)).extracting(Topology.Service::name).containsExactly("a", "b");
		assertThat(topology.environment((service) -> service.port() + 100))
			.isEqualTo(Map.of("A_URL", "http://localhost:9101", "B_KEYS", "http://localhost:9102/keys"));
	}

	@Test
	void should_give_a_service_without_stage_a_stage_of_its_own() throws IOException {
		write("a 9001 mod-a /health", "b 9002 mod-b /health");

		assertThat(Topology.read(this.root).stages()).hasSize(2);
	}

	@Test
	void should_name_the_line_it_cannot_read_and_a_link_to_no_service() throws IOException {
		write("a 9001 mod-a");
		assertThatIllegalStateException().isThrownBy(() -> Topology.read(this.root)).withMessageContaining("line 2");

		write("a 9001 mod-a /health 1", "link X_URL nowhere");
		assertThatIllegalStateException().isThrownBy(() -> Topology.read(this.root))
			.withMessageContaining("no service 'nowhere'");
	}

	private void write(String... lines) throws IOException {
		Files.write(this.root.resolve(Topology.FILE), List.of(concat("# a comment", lines).toArray(String[]::new)));
	}

	private static List<String> concat(String first, String... rest) {
		return Stream.concat(Stream.of(first), Stream.of(rest)).toList();
	}

}
