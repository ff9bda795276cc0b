package org.millgate.erpsim.odata.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.millgate.erpsim.odata.ODataVersion;

/**
 * Recursive-descent parser, type-checking each node as it builds it ({@link TypeCheck}).
 * Recursion happens only through parentheses and {@code not}, whose nesting is capped.
 * The grammar, loosest binding first:
 *
 * <pre class="code">
 * or         = and *( RWS "or" RWS and )
 * and        = comparison *( RWS "and" RWS comparison )
 * comparison = unary *( RWS ("eq"/"ne"/"gt"/"ge"/"lt"/"le") RWS unary )
 * unary      = "not" (RWS / "(") unary / primary
 * primary    = "(" or ")" / function "(" or "," or ")" / property / literal
 * </pre>
 */
final class Parser {

	static final int MAX_DEPTH = 64;

	/** The operator keywords: never property names. */
	static final Set<String> KEYWORDS = Set.of("eq", "ne", "gt", "ge", "lt", "le", "and", "or", "not");

	private static final Set<String> LITERAL_KEYWORDS = Set.of("true", "false", "null");

	private final List<Token> tokens;

	private final Map<String, ValueType> properties;

	private final ODataVersion version;

	private int index;

	private int depth;

	Parser(List<Token> tokens, Map<String, ValueType> properties, ODataVersion version) {
		this.tokens = tokens;
		this.properties = properties;
		this.version = version;
	}

	Node parse() {
		Node root = parseOr();
		Token next = peek();
		if (next.kind() != Token.Kind.END) {
			throw Errors.unexpected(next, "an operator or end of input");
		}
		TypeCheck.root(root);
		return root;
	}

	private Node parseOr() {
		return parseLogical("or", this::parseAnd);
	}

	private Node parseAnd() {
		return parseLogical("and", this::parseComparison);
	}

	private Node parseLogical(String keyword, Supplier<Node> operand) {
		Node first = operand.get();
		if (!peek().is(keyword)) {
			return first;
		}
		List<Node> operands = new ArrayList<>(List.of(first));
		while (peek().is(keyword)) {
			Token operator = binaryOperator();
			Node right = operand.get();
			TypeCheck.logical(operator, operands.get(operands.size() - 1), right);
			operands.add(right);
		}
		return new LogicalNode(keyword.equals("and"), operands, first.position());
	}

	private Node parseComparison() {
		Node left = parseUnary();
		while (peek().kind() == Token.Kind.IDENTIFIER && ComparisonOperator.of(peek().text()) != null) {
			Token token = binaryOperator();
			ComparisonOperator operator = ComparisonOperator.of(token.text());
			Node right = parseUnary();
			TypeCheck.comparison(token, operator, left, right);
			left = new ComparisonNode(operator, left, right, token.position());
		}
		return left;
	}

	private Node parseUnary() {
		Token token = peek();
		if (!token.is("not")) {
			return parsePrimary();
		}
		this.index++;
		if (!peek().spaceBefore() && peek().kind() != Token.Kind.OPEN && peek().kind() != Token.Kind.END) {
			throw Errors.at(peek().position(), "Expected whitespace or '(' after 'not'");
		}
		enter(token);
		Node operand = parseUnary();
		this.depth--;
		TypeCheck.not(token, operand);
		return new NotNode(operand, token.position());
	}

	private Node parsePrimary() {
		Token token = next();
		switch (token.kind()) {
			case LITERAL:
				return token.literal();
			case OPEN:
				enter(token);
				Node inner = parseOr();
				expectClose(token, "')' or an operator");
				return inner;
			case IDENTIFIER:
				return identifier(token);
			default:
				throw Errors.at(token.position(), "Expected an operand but found " + Errors.describe(token));
		}
	}

	/** A property, or a function when followed by {@code (}. */
	private Node identifier(Token token) {
		String name = token.text();
		if (KEYWORDS.contains(name)) {
			throw Errors.at(token.position(), "Expected an operand but found operator '" + name + "'");
		}
		String lower = name.toLowerCase(Locale.ROOT);
		if (!lower.equals(name) && !this.properties.containsKey(name)
				&& (KEYWORDS.contains(lower) || LITERAL_KEYWORDS.contains(lower))) {
			throw Errors.at(token.position(), "Unknown keyword '" + name + "'",
					"keywords are case-sensitive, write '" + lower + "'");
		}
		if (peek().kind() == Token.Kind.OPEN) {
			return parseFunction(token);
		}
		ValueType type = this.properties.get(name);
		if (type == null) {
			throw Errors.at(token.position(), "Property '" + name + "' not found in the entity type");
		}
		return new PropertyNode(name, type, token.position());
	}

	private Node parseFunction(Token name) {
		FilterFunction function = FilterFunction.lookup(name.text(), this.version, name.position());
		Token open = next();
		enter(open);
		List<Node> arguments = new ArrayList<>(List.of(parseOr()));
		while (peek().kind() == Token.Kind.COMMA) {
			this.index++;
			arguments.add(parseOr());
		}
		expectClose(open, "',', ')' or an operator");
		TypeCheck.functionArguments(name, arguments);
		return new FunctionNode(function, arguments.get(0), arguments.get(1), name.position());
	}

	private Token binaryOperator() {
		Token operator = next();
		if (!operator.spaceBefore()) {
			throw Errors.at(operator.position(), "Expected whitespace before operator '" + operator.text() + "'");
		}
		Token after = peek();
		if (!after.spaceBefore() && after.kind() != Token.Kind.END) {
			throw Errors.at(after.position(), "Expected whitespace after operator '" + operator.text() + "'");
		}
		return operator;
	}

	private void expectClose(Token open, String expected) {
		Token token = next();
		if (token.kind() == Token.Kind.END) {
			throw Errors.at(token.position(), "Unbalanced parentheses: expected ')' but found end of input",
					"the '(' at position " + (open.position() + 1) + " is never closed");
		}
		if (token.kind() != Token.Kind.CLOSE) {
			throw Errors.unexpected(token, expected);
		}
		this.depth--;
	}

	private void enter(Token token) {
		if (++this.depth > MAX_DEPTH) {
			throw Errors.at(token.position(), "Expression nested deeper than " + MAX_DEPTH + " levels");
		}
	}

	private Token peek() {
		return this.tokens.get(this.index);
	}

	private Token next() {
		Token token = this.tokens.get(this.index);
		if (token.kind() != Token.Kind.END) {
			this.index++;
		}
		return token;
	}

}
