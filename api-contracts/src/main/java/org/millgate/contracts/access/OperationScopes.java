package org.millgate.contracts.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.openapi.OpenApiTree;
import org.millgate.contracts.openapi.Operation;

/**
 * The scope every operation of a contract requires, matched by method and path.
 */
public final class OperationScopes {

	private final List<Entry> entries;

	private OperationScopes(List<Entry> entries) {
		this.entries = List.copyOf(entries);
	}

	/**
	 * Reads the scopes of a contract: the first scope of each operation's first security
	 * requirement.
	 * @param contract the contract
	 * @return the scopes
	 * @throws IllegalStateException when an operation names no scope
	 */
	public static OperationScopes of(ContractDocument contract) {
		OpenApiTree tree = new OpenApiTree(contract.tree());
		List<Entry> entries = new ArrayList<>();
		for (Operation operation : tree.operations()) {
			String scope = operation.node().path("security").path(0).path("oauth2").path(0).asText("");
			if (scope.isEmpty()) {
				throw new IllegalStateException(contract.name() + " " + operation.label() + " names no scope");
			}
			entries.add(new Entry(operation.method().toUpperCase(Locale.ROOT), operation.path(),
					template(operation.path()), scope, operation.node().path("operationId").asText()));
		}
		return new OperationScopes(entries);
	}

	// a path template as a pattern: each {parameter} one segment, the rest literally
	private static Pattern template(String path) {
		StringBuilder regex = new StringBuilder("^");
		String[] literals = path.split("\\{[^}]+}", -1);
		for (int i = 0; i < literals.length; i++) {
			regex.append((i > 0) ? "[^/]+" : "").append(Pattern.quote(literals[i]));
		}
		return Pattern.compile(regex.append('$').toString());
	}

	/**
	 * The scopes of several contracts, for a service that serves more than one version.
	 * @param contracts the contracts
	 * @return the scopes of all their operations
	 */
	public static OperationScopes of(Collection<ContractDocument> contracts) {
		List<Entry> entries = new ArrayList<>();
		contracts.forEach((contract) -> entries.addAll(of(contract).entries));
		return new OperationScopes(entries);
	}

	/**
	 * The operation a request calls.
	 * @param method the HTTP method
	 * @param path the request path, without query
	 * @return the operation's entry, or empty when the contract has no such operation
	 */
	public Optional<Entry> find(String method, String path) {
		return this.entries.stream()
			.filter((entry) -> entry.method().equals(method) && entry.pattern().matcher(path).matches())
			.findFirst();
	}

	/**
	 * Every operation.
	 * @return the entries in contract order
	 */
	public List<Entry> all() {
		return this.entries;
	}

	/**
	 * One operation and its scope.
	 *
	 * @param method the HTTP method
	 * @param template the path template
	 * @param pattern a regular expression matching request paths
	 * @param scope the scope required
	 * @param operationId the operation's id
	 */
	public record Entry(String method, String template, Pattern pattern, String scope, String operationId) {

	}

}
