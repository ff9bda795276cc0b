package org.millgate.contracts.tools.review;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.CatalogException;
import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.tools.pacts.PactInteraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The impact of a proposed contract on the consumers that call the version it would
 * replace, with the built-in catalog and the consumers' real pacts.
 */
class DraftImpactTests {

	private static final ContractCatalog catalog = ContractCatalog.load();

	private static final ContractReview review = new ContractReview(catalog, Path.of("../api-contracts/released"),
			PactInteraction.readAll(Path.of("../contract-tests/pacts")));

	@Test
	void theContractAsItIsBreaksNothing() {
		ContractReview.DraftImpact impact = review.impact("production-orders", "v1",
				current("production-orders", "v1"));

		assertThat(impact.breakingChanges()).isZero();
		assertThat(impact.brokenInteractions()).isZero();
		assertThat(impact.htmlBody()).contains("No change in behaviour", "keeps working");
	}

	@Test
	void aRenamedResponseFieldNamesTheConsumerInteractionsItBreaks() {
		String source = current("production-orders", "v1").source().replace("plannedQuantity", "targetQuantity");

		ContractReview.DraftImpact impact = review.impact("production-orders", "v1",
				ContractDocument.of("draft.yaml", source));

		assertThat(impact.breakingChanges()).isPositive();
		assertThat(impact.brokenInteractions()).isPositive();
		assertThat(impact.markdown()).contains("BREAKING", "plannedQuantity", "**BREAKS**",
				"the released orders of plant 1000");
	}

	@Test
	void somethingThatIsNoContractIsRefusedClearly() {
		assertThatExceptionOfType(CatalogException.class)
			.isThrownBy(() -> review.impact("shipments", "v1", ContractDocument.of("draft.yaml", "title: hello")))
			.withMessageContaining("not an OpenAPI document");
		assertThatExceptionOfType(CatalogException.class)
			.isThrownBy(() -> ContractDocument.of("draft.yaml", "openapi: [unclosed"))
			.withMessageContaining("not valid YAML");
	}

	private static ContractDocument current(String product, String version) {
		return catalog.contract(product, version).orElseThrow();
	}

}
