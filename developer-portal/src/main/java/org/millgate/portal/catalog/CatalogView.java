package org.millgate.portal.catalog;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.catalog.Lifecycle;
import org.millgate.contracts.catalog.Plan;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.contracts.tools.compat.Change;
import org.millgate.contracts.tools.compat.CompatibilityChecker;

/**
 * What the portal's pages show of the catalog. Drafts are never shown; changelogs are
 * computed once per product and kept.
 */
public final class CatalogView {

	private final ContractCatalog catalog;

	private final Map<String, List<VersionChanges>> changelogs = new ConcurrentHashMap<>();

	public CatalogView(ContractCatalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * Every product, in catalog order.
	 * @return the products
	 */
	public List<Product> products() {
		return this.catalog.products();
	}

	/**
	 * A product.
	 * @param id its id
	 * @return the product, empty when there is none
	 */
	public Optional<Product> product(String id) {
		return this.catalog.product(id);
	}

	/**
	 * The versions of a product a consumer can see: every one but drafts, newest first.
	 * @param product the product
	 * @return the versions
	 */
	public List<ProductVersion> visibleVersions(Product product) {
		List<ProductVersion> versions = new ArrayList<>(
				product.versions().stream().filter((version) -> version.state() != Lifecycle.DRAFT).toList());
		Collections.reverse(versions);
		return versions;
	}

	/**
	 * A version a consumer can see.
	 * @param product the product
	 * @param version the version
	 * @return the version, empty for an unknown version or a draft
	 */
	public Optional<ProductVersion> visibleVersion(Product product, String version) {
		return product.version(version).filter((candidate) -> candidate.state() != Lifecycle.DRAFT);
	}

	/**
	 * The contract of a version, with its servers pointed at the gateway.
	 * @param product the product
	 * @param version the version
	 * @param gatewayUrl the gateway's URL
	 * @return the contract's YAML
	 */
	public Optional<String> contract(Product product, ProductVersion version, String gatewayUrl) {
		return this.catalog.contract(product.id(), version.version())
			.map(ContractDocument::source)
			.map((source) -> source.replace("http://localhost:8080", gatewayUrl));
	}

	/**
	 * The plans a product offers.
	 * @param product the product
	 * @return the plans, in the product's order
	 */
	public List<Plan> plans(Product product) {
		return product.plans().stream().map(this.catalog::plan).flatMap(Optional::stream).toList();
	}

	/**
	 * What changed from each version to the next, newest first.
	 * @param product the product
	 * @return one entry per version that has a predecessor
	 */
	public List<VersionChanges> changelog(Product product) {
		return this.changelogs.computeIfAbsent(product.id(), (id) -> computeChangelog(product));
	}

	/**
	 * Days until a version's sunset.
	 * @param version the version
	 * @param today today
	 * @return the days, empty without a sunset
	 */
	public Optional<Long> daysToSunset(ProductVersion version, LocalDate today) {
		return version.sunset().map((sunset) -> ChronoUnit.DAYS.between(today, sunset));
	}

	private List<VersionChanges> computeChangelog(Product product) {
		List<ProductVersion> versions = product.versions()
			.stream()
			.filter((version) -> version.state() != Lifecycle.DRAFT)
			.toList();
		List<VersionChanges> changelog = new ArrayList<>();
		for (int i = 1; i < versions.size(); i++) {
			ProductVersion from = versions.get(i - 1);
			ProductVersion to = versions.get(i);
			ContractDocument before = this.catalog.contract(product.id(), from.version()).orElseThrow();
			ContractDocument after = this.catalog.contract(product.id(), to.version()).orElseThrow();
			changelog.add(new VersionChanges(from, to,
					new CompatibilityChecker().compareAcrossVersions(before, from.version(), after, to.version())));
		}
		Collections.reverse(changelog);
		return List.copyOf(changelog);
	}

	/**
	 * The changes from one version to the next.
	 *
	 * @param from the earlier version
	 * @param to the later version
	 * @param changes every change, breaking or not
	 */
	public record VersionChanges(ProductVersion from, ProductVersion to, List<Change> changes) {

		/**
		 * How many changes break consumers of the earlier version.
		 * @return the count
		 */
		public long breaking() {
			return this.changes.stream().filter(Change::isBreaking).count();
		}

	}

}
