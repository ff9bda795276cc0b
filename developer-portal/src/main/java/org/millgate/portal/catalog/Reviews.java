package org.millgate.portal.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import org.millgate.contracts.catalog.CatalogException;
import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.tools.pacts.PactInteraction;
import org.millgate.contracts.tools.review.ContractReview;

/**
 * The contract reviews API owners read: built from the catalog, the released baselines
 * and the consumers' pacts the portal was built with ({@code millgate/released},
 * {@code millgate/pacts} on its class path).
 */
public final class Reviews {

	private final ContractReview review;

	/** The largest draft contract accepted for an impact check. */
	public static final int MAX_DRAFT_CHARS = 1_000_000;

	// the catalog, baselines and pacts do not change while the portal runs
	private final Map<String, List<ContractReview.VersionReport>> reports = new ConcurrentHashMap<>();

	public Reviews(ContractCatalog catalog) {
		this.review = new ContractReview(catalog, Reviews::released, pacts());
	}

	/**
	 * The review of every version of a product.
	 * @param productId the product
	 * @return one report per version, oldest first
	 */
	public List<ContractReview.VersionReport> of(String productId) {
		return this.reports.computeIfAbsent(productId, this.review::review);
	}

	/**
	 * The impact of a proposed contract for a version.
	 * @param productId the product
	 * @param version the version it would replace
	 * @param draft the draft's text (YAML or JSON)
	 * @return the impact
	 * @throws org.millgate.contracts.catalog.CatalogException when the draft cannot be
	 * read or compared; the message says why
	 */
	public ContractReview.DraftImpact impact(String productId, String version, String draft) {
		if (draft.length() > MAX_DRAFT_CHARS) {
			throw new CatalogException("The draft is larger than " + MAX_DRAFT_CHARS + " characters.");
		}
		return this.review.impact(productId, version, ContractDocument.of("the draft", draft));
	}

	private static Optional<ContractDocument> released(String product, String version) {
		String name = "millgate/released/" + product + "/" + version + ".yaml";
		try (InputStream in = Reviews.class.getClassLoader().getResourceAsStream(name)) {
			return (in != null)
					? Optional.of(ContractDocument.of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)))
					: Optional.empty();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<PactInteraction> pacts() {
		ObjectMapper json = new ObjectMapper();
		List<PactInteraction> interactions = new ArrayList<>();
		try {
			for (Resource pact : new PathMatchingResourcePatternResolver()
				.getResources("classpath*:millgate/pacts/*.json")) {
				try (InputStream in = pact.getInputStream()) {
					interactions.addAll(PactInteraction.of(json.readTree(in)));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return interactions;
	}

}
