package org.millgate.erpsim.odata.filter;

import org.millgate.erpsim.odata.ODataVersion;

/**
 * The boolean string functions, each with the protocol versions that know it. Every
 * function takes two {@code Edm.String} arguments and is false when either is null.
 */
enum FilterFunction {

	/**
	 * V2 {@code substringof('text', Property)}: the second argument contains the first.
	 */
	SUBSTRINGOF("substringof", ODataVersion.V2, "contains(Property,'text')") {
		@Override
		boolean apply(String first, String second) {
			return second.contains(first);
		}
	},

	/** V4 {@code contains(Property, 'text')}: the first argument contains the second. */
	CONTAINS("contains", ODataVersion.V4, "substringof('text',Property)") {
		@Override
		boolean apply(String first, String second) {
			return first.contains(second);
		}
	},

	STARTSWITH("startswith", null, null) {
		@Override
		boolean apply(String first, String second) {
			return first.startsWith(second);
		}
	},

	ENDSWITH("endswith", null, null) {
		@Override
		boolean apply(String first, String second) {
			return first.endsWith(second);
		}
	};

	private final String functionName;

	private final ODataVersion onlyIn;

	private final String otherVersionForm;

	FilterFunction(String functionName, ODataVersion onlyIn, String otherVersionForm) {
		this.functionName = functionName;
		this.onlyIn = onlyIn;
		this.otherVersionForm = otherVersionForm;
	}

	abstract boolean apply(String first, String second);

	String functionName() {
		return this.functionName;
	}

	/**
	 * The function a name calls in a protocol version.
	 * @param name the name as written (function names are case-sensitive)
	 * @param version the protocol version
	 * @param position where the name starts, for the refusal
	 * @return the function
	 * @throws org.millgate.erpsim.odata.ODataException when the version has no such
	 * function
	 */
	static FilterFunction lookup(String name, ODataVersion version, int position) {
		for (FilterFunction function : values()) {
			if (function.functionName.equals(name)) {
				if (function.onlyIn != null && function.onlyIn != version) {
					throw Errors.at(position, "Function '" + name + "' is not supported in OData " + version,
							"use " + function.otherVersionForm);
				}
				return function;
			}
		}
		throw Errors.at(position, "Function '" + name + "' is not supported", "the supported functions are "
				+ ((version == ODataVersion.V2) ? "substringof" : "contains") + ", startswith and endswith");
	}

}
