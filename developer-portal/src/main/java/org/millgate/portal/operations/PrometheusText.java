package org.millgate.portal.operations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples of the Prometheus text exposition format: a name, its labels and a value per
 * line; comments and malformed lines left out.
 */
final class PrometheusText {

	private PrometheusText() {
	}

	record Sample(String name, Map<String, String> labels, double value) {

		String label(String name) {
			return this.labels.getOrDefault(name, "");
		}

	}

	static List<Sample> parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			try {
				samples.add(sample(line.trim()));
			}
			catch (RuntimeException ex) {
				// not a sample this reader understands
			}
		}
		return samples;
	}

	private static Sample sample(String line) {
		int brace = line.indexOf('{');
		int space;
		String name;
		Map<String, String> labels = new LinkedHashMap<>();
		if (brace >= 0 && brace < line.indexOf(' ')) {
			name = line.substring(0, brace);
			int end = line.indexOf('}', brace);
			String inner = line.substring(brace + 1, end);
			int i = 0;
			while (i < inner.length()) {
				int equals = inner.indexOf('=', i);
				String key = inner.substring(i, equals).trim().replace(",", "");
				int open = inner.indexOf('"', equals);
				StringBuilder value = new StringBuilder();
				int j = open + 1;
				while (inner.charAt(j) != '"') {
					if (inner.charAt(j) == '\\') {
						j++;
					}
					value.append(inner.charAt(j));
					j++;
				}
				labels.put(key, value.toString());
				i = j + 1;
				while (i < inner.length() && (inner.charAt(i) == ',' || inner.charAt(i) == ' ')) {
					i++;
				}
			}
			space = end + 1;
		}
		else {
			space = line.indexOf(' ');
			name = line.substring(0, space);
		}
		String rest = line.substring(space).trim();
		String value = rest.split(" ")[0];
		return new Sample(name, labels, Double.parseDouble(value));
	}

}
