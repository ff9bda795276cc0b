package org.millgate.gateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.EventProduct;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;

/**
 * The built-in catalog with lifecycle variety, written to a directory the gateway is
 * pointed at: production-orders as built in (v1 deprecated, sunset 2027-06-30, successor
 * v2), with v1's contract standing in for v2, inventory with a retired v0 (v1's contract
 * under /v0), shipments as built in.
 */
public final class TestCatalog {

	private static final ContractCatalog BUILT_IN = ContractCatalog.load();

	private TestCatalog() {
	}

	/**
	 * The products of the built-in catalog, each of which the gateway needs a backend
	 * for.
	 * @return their ids
	 */
	public static List<String> products() {
		return BUILT_IN.products().stream().map(Product::id).toList();
	}

	public static Path write() {
		try {
			Path dir = Files.createTempDirectory("millgate-test-catalog");
			String catalog = read("catalog.yaml");
			String orders = section(catalog, "  - id: production-orders", "  - id: inventory");
			String inventory = section(catalog, "  - id: inventory", "  - id: shipments");
			String published = """
					      - version: v1
					        state: published
					        released: 2026-11-26
					        sunset: null
					        successor: null
					""";
			// production-orders v1 is deprecated (sunset 2027-06-30) in favour of v2
			// in the built-in catalog itself
			require(orders, "successor: v2");
			require(inventory, published);
			String newInventory = inventory.replace(published, """
					      - version: v1
					        state: retired
					        released: 2025-01-15
					        sunset: 2026-01-31
					        successor: v2
					      - version: v2
					        state: published
					        released: 2026-11-26
					        sunset: null
					        successor: null
					""");
			String plans = """
					plans:
					  - name: scale-test
					    description: A large burst that hardly refills, so that a shared limit is measured exactly.
					    priority: high
					    burst: 500
					    sustainedPerSecond: 1
					    dailyQuota: null
					""";
			require(catalog, "plans:\n");
			String shipments = catalog.substring(catalog.indexOf("  - id: shipments"));
			String newShipments = shipments.replace("plans: [plant-standard, partner-basic]",
					"plans: [plant-standard, partner-basic, scale-test]");
			write(dir, "catalog.yaml",
					catalog.replace(inventory, newInventory)
						.replace(shipments, newShipments)
						.replaceFirst("plans:\n", plans.replace("$", "\\$")));
			// every contract of the built-in catalog, so that a product added there is
			// here too
			for (Product product : BUILT_IN.products()) {
				for (ProductVersion version : product.versions()) {
					write(dir, version.contract(), read(version.contract()));
				}
			}
			for (EventProduct product : BUILT_IN.eventProducts()) {
				for (ProductVersion version : product.versions()) {
					write(dir, version.contract(), read(version.contract()));
				}
			}
			// v2 here is v1's contract under /v2, so that the stub backend's canned
			// answers fit both
			write(dir, "production-orders/v2.yaml", read("production-orders/v1.yaml").replace("/v1/", "/v2/"));
			write(dir, "inventory/v2.yaml", read("inventory/v1.yaml").replace("/v1/", "/v2/"));
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String section(String text, String from, String to) {
		int start = text.indexOf(from);
		int end = text.indexOf(to);
		if (start < 0 || end < start) {
			throw new IllegalStateException("catalog.yaml changed its layout: " + from + " .. " + to);
		}
		return text.substring(start, end);
	}

	private static void require(String section, String text) {
		if (!section.contains(text)) {
			throw new IllegalStateException("catalog.yaml changed its layout: no\n" + text + "in\n" + section);
		}
	}

	private static String read(String name) throws IOException {
		try (InputStream in = TestCatalog.class.getClassLoader().getResourceAsStream("millgate/contracts/" + name)) {
			if (in == null) {
				throw new IllegalStateException("No contract resource " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private static void write(Path dir, String name, String text) throws IOException {
		Path file = dir.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}

	/**
	 * A canned product response from {@code src/test/resources/stub}.
	 * @param name the file name
	 * @return its content
	 */
	public static String stub(String name) {
		try (InputStream in = TestCatalog.class.getClassLoader().getResourceAsStream("stub/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
