package org.millgate.portal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import org.millgate.contracts.catalog.CatalogException;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.portal.apps.App;
import org.millgate.portal.apps.Apps;
import org.millgate.portal.catalog.CatalogView;
import org.millgate.portal.catalog.Reviews;
import org.millgate.portal.usage.UsageFigures;

/**
 * For API owners: the contract review of each product (lifecycle, changes from the
 * previous version, consumers and their operations, what the previous version's consumers
 * must adapt), the impact of a draft contract, usage per app and version, and the audit
 * log. Subscriptions are decided in {@link SubscriptionsController}.
 */
@Controller
class OwnerController {

	private final CatalogView catalog;

	private final Reviews reviews;

	private final Apps apps;

	private final UsageFigures usage;

	OwnerController(CatalogView catalog, Reviews reviews, Apps apps, UsageFigures usage) {
		this.catalog = catalog;
		this.reviews = reviews;
		this.apps = apps;
		this.usage = usage;
	}

	@GetMapping("/owner/products/{productId}/review")
	String review(@PathVariable String productId, Model model) {
		Product product = product(productId);
		model.addAttribute("product", product);
		model.addAttribute("reports", this.reviews.of(productId));
		model.addAttribute("versions", product.versions());
		return "review";
	}

	@PostMapping("/owner/products/{productId}/impact")
	String impact(@PathVariable String productId, @RequestParam(defaultValue = "") String version,
			@RequestParam(defaultValue = "") String draft, @RequestParam(required = false) MultipartFile file,
			Model model) throws IOException {
		Product product = product(productId);
		model.addAttribute("product", product);
		model.addAttribute("versions", product.versions());
		model.addAttribute("version", version);
		String text = (file != null && !file.isEmpty()) ? new String(file.getBytes(), StandardCharsets.UTF_8) : draft;
		model.addAttribute("draft", text);
		if (product.versions().stream().map(ProductVersion::version).noneMatch(version::equals)) {
			model.addAttribute("error", product.title() + " has no version '" + version + "'.");
		}
		else if (text.isBlank()) {
			model.addAttribute("error", "Paste a draft contract or choose a file.");
		}
		else {
			try {
				model.addAttribute("impact", this.reviews.impact(productId, version, text));
			}
			catch (CatalogException ex) {
				model.addAttribute("error", ex.getMessage());
			}
		}
		return "impact";
	}

	@GetMapping("/owner/audit")
	String audit(Model model) {
		model.addAttribute("events", this.apps.audit(500));
		return "audit";
	}

	@GetMapping("/owner/usage")
	String usage(Model model) {
		Map<String, App> apps = this.apps.byClientId();
		List<UsageFigures.Row> rows;
		try {
			rows = this.usage.rows();
		}
		catch (IllegalStateException ex) {
			model.addAttribute("usageError", ex.getMessage());
			rows = List.of();
		}
		// per product version, with its lifecycle; a deprecated one names who still calls
		Map<String, VersionUsage> byVersion = new LinkedHashMap<>();
		for (UsageFigures.Row row : rows) {
			byVersion
				.computeIfAbsent(row.product() + " " + row.version(),
						(key) -> new VersionUsage(this.catalog.product(row.product()).orElse(null),
								this.catalog.product(row.product())
									.flatMap((product) -> product.versions()
										.stream()
										.filter((version) -> version.version().equals(row.version()))
										.findFirst())
									.orElse(null),
								row.product(), row.version(), new ArrayList<>()))
				.rows()
				.add(new Caller(row, apps.get(row.client())));
		}
		model.addAttribute("versions", byVersion.values());
		model.addAttribute("source", this.usage.source());
		return "usage";
	}

	private Product product(String productId) {
		return this.catalog.product(productId)
			.orElseThrow(() -> new CatalogController.NotFound("There is no API product '" + productId + "'."));
	}

	/**
	 * The callers of one product version.
	 *
	 * @param product the product, or null when the catalog no longer has it
	 * @param lifecycle the version, or null when the catalog no longer has it
	 * @param productId the product id
	 * @param version the version
	 * @param rows one per caller
	 */
	record VersionUsage(Product product, ProductVersion lifecycle, String productId, String version,
			List<Caller> rows) {

		public boolean deprecated() {
			return this.lifecycle != null && this.lifecycle.sunset().isPresent();
		}

		public String callers() {
			return this.rows.stream().map(Caller::name).collect(Collectors.joining(", "));
		}

	}

	/**
	 * One caller's figures, with its app when it is a partner's app.
	 *
	 * @param figures the figures
	 * @param app the app, or null for a configured client (MES, WMS)
	 */
	record Caller(UsageFigures.Row figures, App app) {

		public String name() {
			return (this.app != null) ? this.app.name() + " (partner " + this.app.partnerId() + ")"
					: this.figures.client();
		}

	}

}
