package org.millgate.contracts.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.fge.jsonschema.core.util.RegexECMA262Helper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled patterns against the reference: the ECMAScript engine the JSON Schema
 * library runs them on by itself (Rhino), pattern by pattern and string by string.
 */
class EcmaPatternTests {

	// strings near the edges the two engines read differently: line breaks before the
	// end,
	// ECMAScript's own line terminators, a surrogate pair, lengths around the bounds
	private static final List<String> STRINGS = List.of("", "1000", "1000\n", "1000\r\n", "\n1000", "1000 ", " 1000",
			"100", "10000", "ACME", "acme", "AC-ME", "A1B2", "FG-100", "FG-100/2", "FG 100", "a.b", "a\u0085b",
			"a\u2028b", "a\u2029b", "a\nb", "0010", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
			"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\n", "\"etag-1\"", "\"\"", "@42", "@", "v1",
			"v1234", "production-order/1000001", "material/1000/FG-100", "shipment/80000001", "record/WMS-1._x/12/34",
			"key:abc-123.def", "abcdefgh", "abcdefg", "X".repeat(40), "X".repeat(41), "1".repeat(12), "1".repeat(13),
			"\uD83D\uDE00", "A\uD83D\uDE00", "org.millgate.event", "Org.x", "123-4", "ümlaut", "A\tB", "\u00a0");

	@Test
	void every_pattern_of_the_catalog_runs_on_compiled_java_regex() {
		Set<String> patterns = catalogPatterns();
		assertThat(patterns).hasSizeGreaterThan(20);
		assertThat(patterns).allSatisfy(
				(pattern) -> assertThat(EcmaPattern.of(pattern).translated()).as("translated: %s", pattern).isTrue());
	}

	@Test
	void every_pattern_of_the_catalog_answers_as_the_ecmascript_engine_on_every_string() {
		List<String> disagreements = new ArrayList<>();
		for (String pattern : catalogPatterns()) {
			for (String string : withSamples(pattern)) {
				boolean reference = RegexECMA262Helper.regMatch(pattern, string);
				if (EcmaPattern.of(pattern).test(string) != reference) {
					disagreements.add(pattern + " on " + printable(string) + ": ECMAScript says " + reference);
				}
			}
		}
		assertThat(disagreements).isEmpty();
	}

	@Test
	void the_end_of_a_pattern_is_the_end_of_the_string_as_in_ecmascript() {
		// java.util.regex's own $ matches before a final line break: 1000\n would pass
		assertThat(EcmaPattern.of("^[0-9]{4}$").test("1000\n")).isFalse();
		assertThat(EcmaPattern.of("^[0-9]{4}$").test("1000")).isTrue();
		// ECMAScript's . takes U+0085, which java.util.regex's does not
		assertThat(EcmaPattern.of("^a.b$").test("a\u0085b")).isTrue();
		assertThat(EcmaPattern.of("^a.b$").test("a\nb")).isFalse();
		// found anywhere, as RegExp.test does
		assertThat(EcmaPattern.of("[0-9]").test("abc1")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "\\s", "^[a[b]]$", "^a{$", "(?<=a)b", "^a++$", "[]a]", "\\bword", "(a)\\1", "a\\u0041",
			"[a&&b]", "^\\n$", "(?<name>a)", "a}", "x]" })
	void constructs_the_engines_read_differently_are_left_to_ecmascript(String pattern) {
		EcmaPattern compiled = EcmaPattern.of(pattern);
		assertThat(compiled.translated()).isFalse();
		for (String string : List.of("", "a", "ab", "aa", "a b", "word", "[a]", "a{", "aA", "a&&b", "\n", "x]", "a}",
				"]a")) {
			// the same verdict, or the same refusal of a pattern the engine cannot read
			assertThat(outcome(() -> compiled.test(string))).as("%s on %s", pattern, printable(string))
				.isEqualTo(outcome(() -> RegexECMA262Helper.regMatch(pattern, string)));
		}
	}

	private static String outcome(BooleanSupplier test) {
		try {
			return Boolean.toString(test.getAsBoolean());
		}
		catch (RuntimeException ex) {
			return ex.getClass().getName() + ": " + ex.getMessage();
		}
	}

	@Test
	void a_string_with_a_surrogate_pair_is_counted_as_ecmascript_counts_it() {
		// two UTF-16 units in ECMAScript: 40 emoji are 80 characters there
		String emoji = "\uD83D\uDE00".repeat(40);
		String pattern = "^[A-Za-z0-9][A-Za-z0-9 ._/-]{0,39}$|^[^\"]{1,40}$";
		assertThat(EcmaPattern.of(pattern).test(emoji)).isEqualTo(RegexECMA262Helper.regMatch(pattern, emoji))
			.isFalse();
	}

	private static List<String> withSamples(String pattern) {
		List<String> strings = new ArrayList<>(STRINGS);
		strings.add(pattern);
		return strings;
	}

	private static Set<String> catalogPatterns() {
		Set<String> patterns = new TreeSet<>();
		ContractCatalog catalog = ContractCatalog.load();
		for (ContractDocument contract : catalog.contracts()) {
			collect(contract.tree(), patterns);
		}
		return patterns;
	}

	private static void collect(JsonNode node, Set<String> patterns) {
		if (node.isObject()) {
			node.properties().forEach((entry) -> {
				if (entry.getKey().equals("pattern") && entry.getValue().isTextual()) {
					patterns.add(entry.getValue().textValue());
				}
				else {
					collect(entry.getValue(), patterns);
				}
			});
		}
		else if (node.isArray()) {
			node.forEach((child) -> collect(child, patterns));
		}
	}

	private static String printable(String string) {
		StringBuilder out = new StringBuilder("\"");
		string.codePoints()
			.forEach((c) -> out.append((c < 0x20 || c > 0x7e) ? String.format("\\u%04x", c) : Character.toString(c)));
		return out.append('"').toString();
	}

}
