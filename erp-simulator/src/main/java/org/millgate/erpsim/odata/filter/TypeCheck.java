package org.millgate.erpsim.odata.filter;

import java.util.List;

/**
 * The parse-time type rules: comparisons need compatible operands (and orderable ones for
 * {@code gt}, {@code ge}, {@code lt}, {@code le}), logical operators and the whole
 * expression need booleans, string functions need strings.
 */
final class TypeCheck {

	private TypeCheck() {
	}

	static void comparison(Token token, ComparisonOperator operator, Node left, Node right) {
		boolean orderable = left.type().isOrdered() && right.type().isOrdered();
		if (!left.type().isComparableWith(right.type()) || (!operator.isEquality() && !orderable)) {
			throw Errors.incompatible(token, left, right);
		}
	}

	static void logical(Token operator, Node left, Node right) {
		if (left.type() != ValueType.BOOLEAN || right.type() != ValueType.BOOLEAN) {
			throw Errors.incompatible(operator, left, right);
		}
	}

	static void not(Token operator, Node operand) {
		if (operand.type() != ValueType.BOOLEAN) {
			throw Errors.at(operator.position(),
					"Operator 'not' incompatible with operand type '" + operand.type().edmName() + "'");
		}
	}

	static void root(Node root) {
		if (root.type() != ValueType.BOOLEAN) {
			throw Errors.at(root.position(), "The $filter expression is of type '" + root.type().edmName()
					+ "' but must be of type 'Edm.Boolean'");
		}
	}

	static void functionArguments(Token name, List<Node> arguments) {
		if (arguments.size() != 2) {
			throw Errors.at(name.position(),
					"Function '" + name.text() + "' expects 2 arguments but got " + arguments.size());
		}
		for (int i = 0; i < arguments.size(); i++) {
			Node argument = arguments.get(i);
			if (argument.type() != ValueType.STRING) {
				throw Errors.at(argument.position(), "Argument " + (i + 1) + " of function '" + name.text()
						+ "' must be of type 'Edm.String' but is of type '" + argument.type().edmName() + "'");
			}
		}
	}

}
