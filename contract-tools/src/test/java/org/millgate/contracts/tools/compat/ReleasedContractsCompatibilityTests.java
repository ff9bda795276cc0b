package org.millgate.contracts.tools.compat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.catalog.EventProduct;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.contracts.tools.pacts.PactCheck;
import org.millgate.contracts.tools.pacts.PactInteraction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build's compatibility gate: every published or deprecated version must stay
 * compatible with the copy consumers built against,
 * {@code released/<product>/<version>.yaml}.
 */
class ReleasedContractsCompatibilityTests {

	private static final Path RELEASED = Path.of("../api-contracts/released");

	// the consumers' pacts, written by contract-tests
	private static final Path PACTS = Path.of("../contract-tests/pacts");

	private final ContractCatalog catalog = ContractCatalog.load();

	@TestFactory
	Stream<DynamicTest> every_released_version_stays_compatible_with_its_released_copy() {
		return this.catalog.products()
			.stream()
			.flatMap((product) -> product.versions()
				.stream()
				.filter((version) -> version.state().isReleased())
				.map((version) -> compatibilityTest(product, version)));
	}

	@TestFactory
	Stream<DynamicTest> every_released_event_version_stays_compatible_with_its_released_copy() {
		return this.catalog.eventProducts()
			.stream()
			.flatMap((product) -> product.versions()
				.stream()
				.filter((version) -> version.state().isReleased())
				.map((version) -> eventCompatibilityTest(product, version)));
	}

	private DynamicTest eventCompatibilityTest(EventProduct product, ProductVersion version) {
		Path released = RELEASED.resolve(version.contract());
		String name = "event product " + product.id() + " " + version.version();
		return DynamicTest.dynamicTest(name + " is compatible with " + released, () -> {
			assertThat(Files.isRegularFile(released))
				.as("%s is %s but has no released copy %s; run ./millgate contracts publish events/%s %s", name,
						version.state().yamlName(), released, product.id(), version.version())
				.isTrue();
			ContractDocument current = this.catalog.eventContract(product.id(), version.version()).orElseThrow();
			List<String> breaking = new CompatibilityChecker().compareEvents(ContractDocument.read(released), current)
				.stream()
				.filter(Change::isBreaking)
				.map(Change::toString)
				.toList();
			assertThat(breaking).as("breaking changes to released %s; they need a new major version", name).isEmpty();
		});
	}

	// Each interaction that kept the released contract but breaks on the current one,
	// named by consumer and description, as ./millgate contracts impact would.
	private static String brokenConsumers(Product product, ProductVersion version, ContractDocument released,
			ContractDocument current) {
		PactCheck before = new PactCheck(released);
		PactCheck after = new PactCheck(current);
		List<String> broken = PactInteraction.readAll(PACTS)
			.stream()
			.filter((interaction) -> interaction.provider().equals(product.id())
					&& interaction.version().equals(version.version()) && before.violations(interaction).isEmpty())
			.flatMap((interaction) -> after.violations(interaction).stream())
			.toList();
		return broken.isEmpty() ? "  none of the pacts in " + PACTS : "  " + String.join("\n  ", broken);
	}

	private DynamicTest compatibilityTest(Product product, ProductVersion version) {
		Path released = RELEASED.resolve(product.id()).resolve(version.version() + ".yaml");
		String name = product.id() + " " + version.version();
		return DynamicTest.dynamicTest(name + " is compatible with " + released, () -> {
			assertThat(Files.isRegularFile(released))
				.as("%s is %s but has no released copy %s; run ./millgate contracts publish %s %s", name,
						version.state().yamlName(), released, product.id(), version.version())
				.isTrue();
			ContractDocument current = this.catalog.contract(product.id(), version.version()).orElseThrow();
			List<String> breaking = new CompatibilityChecker().compare(ContractDocument.read(released), current)
				.stream()
				.filter(Change::isBreaking)
				.map(Change::toString)
				.toList();
			assertThat(breaking)
				.as("breaking changes to released %s; they need a new major version.%nConsumer pact interactions "
						+ "they break:%n%s", name,
						brokenConsumers(product, version, ContractDocument.read(released), current))
				.isEmpty();
		});
	}

}
