package org.millgate.contracts.tools.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.catalog.CatalogException;
import org.millgate.contracts.catalog.Consumer;
import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.catalog.EventProduct;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.contracts.tools.compat.Change;
import org.millgate.contracts.tools.compat.CompatibilityChecker;
import org.millgate.contracts.tools.pacts.MessageExpectation;
import org.millgate.contracts.tools.pacts.PactCheck;
import org.millgate.contracts.tools.pacts.PactInteraction;

/**
 * The review of a product an API owner reads before deciding about a version: per version
 * its lifecycle, its changes from the previous version (breaking ones flagged), its
 * changes since its released baseline, the consumers and the operations they use, and
 * what the previous version's consumers would have to change to move to it.
 */
public final class ContractReview {

	private final ContractCatalog catalog;

	private final BiFunction<String, String, Optional<ContractDocument>> released;

	private final List<PactInteraction> pacts;

	/**
	 * A review over a catalog, its released baselines and the consumers' pacts.
	 * @param catalog the catalog
	 * @param releasedDir the released baselines ({@code <product>/<version>.yaml})
	 * @param pacts the consumers' pact interactions
	 */
	public ContractReview(ContractCatalog catalog, Path releasedDir, List<PactInteraction> pacts) {
		this(catalog, (product, version) -> {
			Path baseline = releasedDir.resolve(product).resolve(version + ".yaml");
			return Files.isRegularFile(baseline) ? Optional.of(ContractDocument.read(baseline)) : Optional.empty();
		}, pacts);
	}

	/**
	 * A review over a catalog, its released baselines wherever they are kept, and the
	 * consumers' pacts.
	 * @param catalog the catalog
	 * @param released product and version → the released baseline, empty when none
	 * @param pacts the consumers' pact interactions
	 */
	public ContractReview(ContractCatalog catalog, BiFunction<String, String, Optional<ContractDocument>> released,
			List<PactInteraction> pacts) {
		this.catalog = catalog;
		this.released = released;
		this.pacts = List.copyOf(pacts);
	}

	/**
	 * The reports of every version of a product, oldest first.
	 * @param productId the product
	 * @return one report per version
	 * @throws CatalogException when the catalog has no such product
	 */
	public List<VersionReport> review(String productId) {
		Product product = this.catalog.product(productId)
			.orElseThrow(() -> new CatalogException("no product '" + productId + "' in the catalog; known: "
					+ String.join(", ", this.catalog.products().stream().map(Product::id).toList())));
		List<VersionReport> reports = new ArrayList<>();
		ProductVersion previous = null;
		for (ProductVersion version : product.versions()) {
			reports.add(report(product, version, previous));
			previous = version;
		}
		return reports;
	}

	/**
	 * The reports of every version of an event product, oldest first: lifecycle and
	 * topic, changes since the released baseline, and the consumers with the event types
	 * they rely on (their message pacts) or only declare.
	 * @param productId the event product
	 * @param messages the consumers' message expectations
	 * @return one report per version
	 * @throws CatalogException when the catalog has no such event product
	 */
	public List<VersionReport> reviewEvents(String productId, List<MessageExpectation> messages) {
		EventProduct product = this.catalog.eventProduct(productId)
			.orElseThrow(() -> new CatalogException("no event product '" + productId + "' in the catalog; known: "
					+ String.join(", ", this.catalog.eventProducts().stream().map(EventProduct::id).toList())));
		List<VersionReport> reports = new ArrayList<>();
		for (ProductVersion version : product.versions()) {
			ContractDocument contract = this.catalog.eventContract(product.id(), version.version())
				.orElseThrow(() -> new CatalogException("no contract events/" + productId + "/" + version.version()));
			ReportWriter report = new ReportWriter("Contract review: " + product.title() + " " + version.version()
					+ " (event product " + product.id() + ")");
			report.heading("Lifecycle");
			report.table(List.of("State", "Released", "Sunset", "Topic", "Owner"),
					List.of(List.of(version.state().yamlName(), version.released().map(Object::toString).orElse("—"),
							version.sunset().map(Object::toString).orElse("—"),
							"`" + product.topic(version.version()) + "`",
							product.owner().team() + " <" + product.owner().email() + ">")));
			report.heading("Changes since the released baseline");
			Optional<ContractDocument> baseline = this.released.apply("events/" + product.id(), version.version());
			if (baseline.isEmpty()) {
				report.paragraph("No released baseline (`events/" + product.id() + "/" + version.version()
						+ ".yaml` in the released directory): every change is still free until it is published.");
			}
			else {
				List<Change> changes = new CompatibilityChecker().compareEvents(baseline.get(), contract);
				if (changes.isEmpty()) {
					report.paragraph("Identical in behaviour to the released baseline.");
				}
				else {
					report.table(List.of("Severity", "Where", "Change"),
							changes.stream().map(ContractReview::row).toList());
				}
			}
			report.heading("Consumers and the events they rely on");
			Map<String, Map<String, List<String>>> used = new TreeMap<>();
			for (MessageExpectation message : messages) {
				if (message.product().equals(product.id())) {
					String type = message.metadata().getOrDefault("ce_type", "no ce_type named");
					List<String> broken = message.violations(contract);
					used.computeIfAbsent(message.consumer(), (consumer) -> new TreeMap<>())
						.computeIfAbsent("`" + type + "`", (t) -> new ArrayList<>())
						.add("\"" + message.description() + "\""
								+ (broken.isEmpty() ? "" : " (BROKEN by this contract)"));
				}
			}
			List<List<String>> rows = new ArrayList<>();
			used.forEach((consumer, byType) -> byType
				.forEach((type, descriptions) -> rows.add(List.of(consumer, type, String.join("; ", descriptions)))));
			for (Consumer declared : product.consumers()) {
				if (declared.versions().contains(version.version()) && !used.containsKey(declared.id())) {
					rows.add(List.of(declared.id(), "—", "declared in the catalog (" + declared.name()
							+ "), but no message pact: what it relies on is unknown"));
				}
			}
			if (rows.isEmpty()) {
				report.paragraph("No consumer expects events of this version, and the catalog declares none.");
			}
			else {
				report.table(List.of("Consumer", "Event type", "Message pacts"), rows);
			}
			reports.add(new VersionReport("events/" + product.id(), version.version(), 0, report.markdown(),
					report.html(), report.htmlBody()));
		}
		return reports;
	}

	private VersionReport report(Product product, ProductVersion version, ProductVersion previous) {
		ContractDocument contract = contract(product, version.version());
		ReportWriter report = new ReportWriter(
				"Contract review: " + product.title() + " " + version.version() + " (" + product.id() + ")");
		report.heading("Lifecycle");
		report.table(List.of("State", "Released", "Sunset", "Successor", "Owner"),
				List.of(List.of(version.state().yamlName(), version.released().map(Object::toString).orElse("—"),
						version.sunset().map(Object::toString).orElse("—"), version.successor().orElse("—"),
						product.owner().team() + " <" + product.owner().email() + ">")));
		int breaking = 0;
		report.heading("Changes from the previous version");
		if (previous == null) {
			report.paragraph("The first version: there is no previous version.");
		}
		else {
			List<Change> changes = new CompatibilityChecker().compareAcrossVersions(
					contract(product, previous.version()), previous.version(), contract, version.version());
			breaking = (int) changes.stream().filter(Change::isBreaking).count();
			report.paragraph("From " + previous.version() + " to " + version.version() + ": " + breaking + " breaking, "
					+ (changes.size() - breaking)
					+ " compatible change(s). Paths are compared without their version prefix.");
			report.table(List.of("Severity", "Where", "Change"), changes.stream().map(ContractReview::row).toList());
		}
		report.heading("Changes since the released baseline");
		Optional<ContractDocument> baseline = this.released.apply(product.id(), version.version());
		if (baseline.isEmpty()) {
			report.paragraph("No released baseline (`" + product.id() + "/" + version.version()
					+ ".yaml` in the released directory): every change is still free until it is published.");
		}
		else {
			List<Change> changes = new CompatibilityChecker().compare(baseline.get(), contract);
			if (changes.isEmpty()) {
				report.paragraph("Identical in behaviour to the released baseline.");
			}
			else {
				report.table(List.of("Severity", "Where", "Change"),
						changes.stream().map(ContractReview::row).toList());
			}
		}
		consumers(report, product, version, contract);
		if (previous != null) {
			migration(report, product, previous, version, contract);
		}
		return new VersionReport(product.id(), version.version(), breaking, report.markdown(), report.html(),
				report.htmlBody());
	}

	private void consumers(ReportWriter report, Product product, ProductVersion version, ContractDocument contract) {
		report.heading("Consumers and the operations they use");
		OperationScopes operations = OperationScopes.of(contract);
		Map<String, Map<String, List<String>>> used = new TreeMap<>();
		for (PactInteraction interaction : interactions(product.id(), version.version())) {
			String operation = operations.find(interaction.method(), interaction.path())
				.map((entry) -> "`" + entry.operationId() + "` " + entry.method() + " " + entry.template())
				.orElse("no operation of this version: " + interaction.method() + " " + interaction.path());
			used.computeIfAbsent(interaction.consumer(), (consumer) -> new TreeMap<>())
				.computeIfAbsent(operation, (op) -> new ArrayList<>())
				.add("\"" + interaction.description() + "\"");
		}
		List<List<String>> rows = new ArrayList<>();
		used.forEach((consumer, byOperation) -> byOperation.forEach(
				(operation, descriptions) -> rows.add(List.of(consumer, operation, String.join("; ", descriptions)))));
		for (Consumer declared : product.consumers()) {
			if (declared.versions().contains(version.version()) && !used.containsKey(declared.id())) {
				rows.add(List.of(declared.id(), "—", "declared in the catalog (" + declared.name()
						+ "), but no pact: what it relies on is unknown"));
			}
		}
		if (rows.isEmpty()) {
			report.paragraph("No consumer pact calls this version, and the catalog declares no consumer of it.");
		}
		else {
			report.table(List.of("Consumer", "Operation", "Pact interactions"), rows);
		}
	}

	/**
	 * What each consumer of the previous version would meet if it called this version the
	 * same way: its interactions, moved to this version's paths, checked against this
	 * contract.
	 */
	private void migration(ReportWriter report, Product product, ProductVersion previous, ProductVersion version,
			ContractDocument contract) {
		report.heading("Consumers of " + previous.version() + " moving to " + version.version());
		List<PactInteraction> interactions = interactions(product.id(), previous.version());
		if (interactions.isEmpty()) {
			report.paragraph("No consumer pact calls " + previous.version() + ".");
			return;
		}
		PactCheck check = new PactCheck(contract);
		List<List<String>> rows = new ArrayList<>();
		for (PactInteraction interaction : interactions) {
			PactInteraction moved = new PactInteraction(interaction.consumer(), interaction.provider(),
					interaction.description(), interaction.method(),
					interaction.path().replaceFirst("^/" + previous.version() + "/", "/" + version.version() + "/"),
					interaction.query(), interaction.requestHeaders(), interaction.requestBody(), interaction.status(),
					interaction.responseHeaders(), interaction.responseBody());
			List<String> violations = check.violations(moved)
				.stream()
				.map((violation) -> violation.substring(moved.label().length() + 2))
				.toList();
			rows.add(List.of(interaction.consumer(), "\"" + interaction.description() + "\"", violations.isEmpty()
					? "works unchanged" : "**must adapt**: " + String.join("; ", new TreeSet<>(violations))));
		}
		report.table(List.of("Consumer", "Interaction", "On " + version.version()), rows);
	}

	/**
	 * The impact of a proposed change: a draft of a version's contract compared with the
	 * version as it is, and every consumer interaction of that version checked against
	 * the draft.
	 * @param productId the product
	 * @param version the version the draft would replace
	 * @param draft the proposed contract
	 * @return the report; {@code breakingFromPrevious} counts the draft's breaking
	 * changes
	 * @throws CatalogException when the product or version is unknown, or the draft is
	 * not an OpenAPI document that can be compared
	 */
	public DraftImpact impact(String productId, String version, ContractDocument draft) {
		Product product = this.catalog.product(productId)
			.orElseThrow(() -> new CatalogException("no product '" + productId + "' in the catalog"));
		ContractDocument current = contract(product, version);
		if (!draft.tree().path("openapi").isTextual() || !draft.tree().path("paths").isObject()) {
			throw new CatalogException(
					"The draft is not an OpenAPI document: it needs an 'openapi' version and a 'paths' object.");
		}
		List<Change> changes;
		PactCheck check;
		try {
			changes = new CompatibilityChecker().compare(current, draft);
			check = new PactCheck(draft);
		}
		catch (RuntimeException ex) {
			throw new CatalogException("The draft cannot be compared with " + productId + " " + version + ": "
					+ ((ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName()), ex);
		}
		ReportWriter report = new ReportWriter(
				"Impact of a draft of " + product.title() + " " + version + " (" + product.id() + ")");
		long breaking = changes.stream().filter(Change::isBreaking).count();
		report.heading("Changes from " + version + " as it is");
		if (changes.isEmpty()) {
			report.paragraph("No change in behaviour.");
		}
		else {
			report.paragraph(breaking + " breaking, " + (changes.size() - breaking) + " compatible change(s)."
					+ ((breaking > 0) ? " Breaking changes need a new major version." : ""));
			report.table(List.of("Severity", "Where", "Change"), changes.stream().map(ContractReview::row).toList());
		}
		report.heading("Consumer interactions of " + version + " against the draft");
		List<PactInteraction> interactions = interactions(product.id(), version);
		int broken = 0;
		if (interactions.isEmpty()) {
			report.paragraph("No consumer pact calls " + version + ".");
		}
		else {
			List<List<String>> rows = new ArrayList<>();
			for (PactInteraction interaction : interactions) {
				List<String> violations = check.violations(interaction)
					.stream()
					.map((violation) -> violation
						.substring(Math.min(violation.length(), interaction.label().length() + 2)))
					.toList();
				if (!violations.isEmpty()) {
					broken++;
				}
				rows.add(List.of(interaction.consumer(), "\"" + interaction.description() + "\"", violations.isEmpty()
						? "keeps working" : "**BREAKS**: " + String.join("; ", new TreeSet<>(violations))));
			}
			report.paragraph(broken + " of " + interactions.size() + " consumer interaction(s) would break.");
			report.table(List.of("Consumer", "Interaction", "With the draft"), rows);
		}
		return new DraftImpact(product.id(), version, (int) breaking, broken, report.markdown(), report.htmlBody());
	}

	/**
	 * The impact of a draft contract.
	 *
	 * @param product the product id
	 * @param version the version the draft would replace
	 * @param breakingChanges how many of its changes break consumers
	 * @param brokenInteractions how many consumer pact interactions fail against it
	 * @param markdown the report as Markdown
	 * @param htmlBody the report's sections as HTML
	 */
	public record DraftImpact(String product, String version, int breakingChanges, int brokenInteractions,
			String markdown, String htmlBody) {

	}

	private List<PactInteraction> interactions(String product, String version) {
		return this.pacts.stream()
			.filter((interaction) -> interaction.provider().equals(product) && interaction.version().equals(version))
			.toList();
	}

	private ContractDocument contract(Product product, String version) {
		return this.catalog.contract(product.id(), version)
			.orElseThrow(() -> new CatalogException("the catalog has no contract for " + product.id() + " " + version));
	}

	private static List<String> row(Change change) {
		String where = change.location().isEmpty() ? change.operation() : change.operation() + " " + change.location();
		return List.of(change.isBreaking() ? "**BREAKING**" : "compatible", "`" + where + "`", change.detail());
	}

	/**
	 * The review of one version.
	 *
	 * @param product the product id
	 * @param version the version
	 * @param breakingFromPrevious how many changes from the previous version break
	 * consumers
	 * @param markdown the report as Markdown
	 * @param html the report as an HTML page
	 * @param htmlBody the report's sections as HTML, without page and title
	 */
	public record VersionReport(String product, String version, int breakingFromPrevious, String markdown, String html,
			String htmlBody) {

	}

}
