/**
 * The OData {@code $filter} system query option: a lexer, a recursive-descent parser and
 * an evaluator for the comparison, logical and string-function subset SAP Gateway
 * services accept, in the OData V2 and V4 literal syntaxes.
 * {@link org.millgate.erpsim.odata.filter.FilterParser} type-checks an expression against
 * the filterable properties of an entity set and turns it into an immutable
 * {@link org.millgate.erpsim.odata.filter.Filter} the simulated services apply to their
 * rows; every malformed, unsupported or ill-typed expression is refused with a 400 that
 * says what is wrong and at which position (1-based).
 */
package org.millgate.erpsim.odata.filter;
