package org.millgate.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * Where two JSON trees differ, as paths: numbers compare by value (YAML's 45 and the
 * model's long 45 are the same field), everything else by type and value.
 */
final class JsonDifferences {

	private JsonDifferences() {
	}

	static List<String> between(JsonNode written, JsonNode readBack) {
		List<String> differences = new ArrayList<>();
		compare(written, readBack, "", differences);
		return differences;
	}

	private static void compare(JsonNode written, JsonNode readBack, String path, List<String> differences) {
		if (written.isNumber() && readBack.isNumber()) {
			if (written.decimalValue().compareTo(readBack.decimalValue()) != 0) {
				differences.add(path + ": " + written + " read back as " + readBack);
			}
		}
		else if (written.isObject() && readBack.isObject()) {
			Set<String> names = new TreeSet<>(written.propertyNames());
			names.addAll(readBack.propertyNames());
			for (String name : names) {
				JsonNode left = written.get(name);
				JsonNode right = readBack.get(name);
				if (left == null || right == null) {
					differences.add(path + "." + name + ": " + ((left == null) ? "absent" : left) + " read back as "
							+ ((right == null) ? "absent" : right));
				}
				else {
					compare(left, right, path + "." + name, differences);
				}
			}
		}
		else if (written.isArray() && readBack.isArray() && written.size() == readBack.size()) {
			for (int i = 0; i < written.size(); i++) {
				compare(written.get(i), readBack.get(i), path + "[" + i + "]", differences);
			}
		}
		else if (!written.equals(readBack)) {
			differences.add(path + ": " + written + " read back as " + readBack);
		}
	}

}
