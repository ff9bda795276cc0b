package org.millgate.deploy;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

/** Kubernetes label selectors, evaluated as the API server does. */
final class Selectors {

	private Selectors() {
	}

	/**
	 * Whether a selector selects an object with these labels: every matchLabels entry and
	 * every matchExpressions requirement holds; an empty selector selects everything.
	 * @param selector the selector, null selecting nothing
	 * @param labels the object's labels
	 * @return true when selected
	 */
	static boolean matches(LabelSelector selector, Map<String, String> labels) {
		if (selector == null) {
			return false;
		}
		for (Map.Entry<String, String> label : selector.getMatchLabels().entrySet()) {
			if (!label.getValue().equals(labels.get(label.getKey()))) {
				return false;
			}
		}
		for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
			if (!holds(requirement, labels)) {
				return false;
			}
		}
		return true;
	}

	private static boolean holds(LabelSelectorRequirement requirement, Map<String, String> labels) {
		String value = labels.get(requirement.getKey());
		List<String> values = requirement.getValues();
		return switch (requirement.getOperator()) {
			case "In" -> value != null && values.contains(value);
			case "NotIn" -> value == null || !values.contains(value);
			case "Exists" -> labels.containsKey(requirement.getKey());
			case "DoesNotExist" -> !labels.containsKey(requirement.getKey());
			default -> throw new IllegalArgumentException("unknown operator " + requirement.getOperator());
		};
	}

}
