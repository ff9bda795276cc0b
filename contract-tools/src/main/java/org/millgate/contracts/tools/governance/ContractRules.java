package org.millgate.contracts.tools.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.problems.ProblemTypes;

/**
 * The governance rules every Millgate contract keeps, run together.
 */
public final class ContractRules {

	private static final List<ContractRule> ALL = List.of(new ParsesCleanlyRule(), new ExamplesValidRule(),
			new ExamplesPresentRule(), new UniqueOperationIdsRule(), new ProblemResponsesRule(),
			new SharedProblemSchemaRule(), new KebabCasePathsRule(), new CamelCasePropertiesRule(),
			new OperationSecurityRule(), new PaginatedListsRule(), new ConstrainedStringParametersRule(),
			new StandardResponseHeadersRule(), new ErrorResponsesDeclaredRule(), new QuantitiesNamedRule(),
			new ProblemTypesRegisteredRule(ProblemTypes.load()));

	private ContractRules() {
	}

	/**
	 * Every rule.
	 * @return the rules, in the order they run
	 */
	public static List<ContractRule> all() {
		return ALL;
	}

	/**
	 * The rule of the given id.
	 * @param id e.g. {@code paginated-lists}
	 * @return the rule, or empty when there is none of that id
	 */
	public static Optional<ContractRule> byId(String id) {
		return ALL.stream().filter((rule) -> rule.id().equals(id)).findFirst();
	}

	/**
	 * Runs every rule over documents published together; rules that compare documents
	 * (unique operationIds, the shared problem schema) compare across all of them.
	 * @param documents the documents
	 * @return every violation, empty when all rules hold
	 */
	public static List<Violation> check(List<ContractDocument> documents) {
		List<ReviewedContract> reviewed = documents.stream().map(ReviewedContract::of).toList();
		List<Violation> violations = new ArrayList<>();
		ALL.forEach((rule) -> violations.addAll(rule.checkAll(reviewed)));
		return violations;
	}

}
