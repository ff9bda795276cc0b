package org.millgate.portal.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.pacts.PactInteraction;
import org.millgate.contracts.review.ContractReview;

/**
 * The contract reviews API owners read: built from the catalog, the released baselines
 * and the consumers' pacts the portal was built with ({@code millgate/released},
 * {@code millgate/pacts} on its class path).
 */
public final class Reviews {

	private final ContractReview review;

	// the catalog, baselines and pacts do not change while the portal runs
	private final java.util.Map<String, List<ContractReview.VersionReport>> reports = new java.util.concurrent.ConcurrentHashMap<>();

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
