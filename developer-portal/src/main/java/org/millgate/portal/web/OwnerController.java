package org.millgate.portal.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import org.millgate.contracts.catalog.Product;
import org.millgate.portal.catalog.CatalogView;
import org.millgate.portal.catalog.Reviews;

/**
 * For API owners: the contract review of each product (lifecycle, changes from the
 * previous version, consumers and their operations, what the previous version's consumers
 * must adapt).
 */
@Controller
class OwnerController {

	private final CatalogView catalog;

	private final Reviews reviews;

	OwnerController(CatalogView catalog, Reviews reviews) {
		this.catalog = catalog;
		this.reviews = reviews;
	}

	@GetMapping("/owner/products/{productId}/review")
	String review(@PathVariable String productId, Model model) {
		Product product = this.catalog.product(productId)
			.orElseThrow(() -> new CatalogController.NotFound("There is no API product '" + productId + "'."));
		model.addAttribute("product", product);
		model.addAttribute("reports", this.reviews.of(productId));
		return "review";
	}

}
