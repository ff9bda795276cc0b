package org.millgate.policies.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.catalog.Product;
import org.millgate.contracts.catalog.ProductVersion;
import org.millgate.contracts.validation.RequestValidator;
import org.millgate.contracts.validation.ResponseValidator;

/**
 * One version of one API product, as the gateway serves it: its contract and what is
 * derived from it once (operations with scopes, validators).
 *
 * @param product the product
 * @param version the version
 * @param contract the version's contract
 * @param pathPrefixes the first two segments of its operations' paths, each once, in the
 * contract's order: {@code /v1/production-orders}, or {@code /v1/materials},
 * {@code /v1/units-of-measure} and {@code /v1/plants} for a product of several resources
 * @param operations the operations and their scopes
 * @param requestValidator the request validator, built once
 * @param responseValidator the response validator, built once
 */
public record ApiRoute(Product product, ProductVersion version, ContractDocument contract, List<String> pathPrefixes,
		OperationScopes operations, RequestValidator requestValidator, ResponseValidator responseValidator) {

	private static final Pattern TWO_FIXED_SEGMENTS = Pattern.compile("(/[^/{}]+/[^/{}]+)(/|$)");

	public ApiRoute {
		pathPrefixes = List.copyOf(pathPrefixes);
	}

	/**
	 * Derives a route from a contract.
	 * @param product the product
	 * @param version the version
	 * @param contract its contract
	 * @return the route
	 */
	public static ApiRoute of(Product product, ProductVersion version, ContractDocument contract) {
		OperationScopes operations = OperationScopes.of(contract);
		return new ApiRoute(product, version, contract, prefixes(operations.all()), operations,
				new RequestValidator(contract), new ResponseValidator(contract));
	}

	/**
	 * The operation a request calls.
	 * @param method the method
	 * @param path the path
	 * @return the operation, or empty
	 */
	public Optional<OperationScopes.Entry> operation(String method, String path) {
		return this.operations.find(method, path);
	}

	public String productId() {
		return this.product.id();
	}

	public String versionName() {
		return this.version.version();
	}

	// the fixed first two segments of every operation's path; an operation whose path is
	// shorter or starts with a variable cannot be routed by prefix
	private static List<String> prefixes(List<OperationScopes.Entry> entries) {
		Set<String> prefixes = new LinkedHashSet<>();
		for (OperationScopes.Entry entry : entries) {
			Matcher matcher = TWO_FIXED_SEGMENTS.matcher(entry.template());
			if (!matcher.lookingAt()) {
				throw new IllegalStateException("The path " + entry.template()
						+ " does not start with two fixed segments (version and resource)");
			}
			prefixes.add(matcher.group(1));
		}
		if (prefixes.isEmpty()) {
			throw new IllegalStateException("The contract has no operation");
		}
		return List.copyOf(prefixes);
	}

}
