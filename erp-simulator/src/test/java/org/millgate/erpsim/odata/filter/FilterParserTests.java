package org.millgate.erpsim.odata.filter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.millgate.erpsim.odata.EdmType;
import org.millgate.erpsim.odata.ODataException;
import org.millgate.erpsim.odata.ODataVersion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The {@code $filter} grammar, typing, null semantics and robustness, in V2 and V4, on a
 * production order row.
 */
class FilterParserTests {

	private static final String GUID = "005056a2-3c4d-1eda-9ab1-2f5e8c7d1a00";

	private static final Map<String, EdmType> PROPERTIES = Map.ofEntries(Map.entry("Plant", EdmType.STRING),
			Map.entry("MaterialDescription", EdmType.STRING), Map.entry("TotalQuantity", EdmType.DECIMAL),
			Map.entry("PlannedQuantity", EdmType.DECIMAL), Map.entry("ConfirmedQuantity", EdmType.DECIMAL),
			Map.entry("OrderItemCount", EdmType.INT32), Map.entry("OrderIsReleased", EdmType.BOOLEAN),
			Map.entry("CreationDate", EdmType.DATE_TIME), Map.entry("LastChangeDateTime", EdmType.DATE_TIME_OFFSET),
			Map.entry("BasicStartDate", EdmType.DATE), Map.entry("CreationTime", EdmType.TIME),
			Map.entry("OrderUUID", EdmType.GUID));

	private static Map<String, Object> order() {
		Map<String, Object> row = new HashMap<>();
		row.put("Plant", "1000");
		row.put("MaterialDescription", null);
		row.put("TotalQuantity", new BigDecimal("12.5"));
		row.put("PlannedQuantity", new BigDecimal("10"));
		row.put("ConfirmedQuantity", null);
		row.put("OrderItemCount", 3);
		row.put("OrderIsReleased", true);
		row.put("CreationDate", LocalDateTime.of(2022, 12, 31, 23, 59, 59));
		row.put("LastChangeDateTime", OffsetDateTime.parse("2022-12-31T23:59:59Z"));
		row.put("BasicStartDate", LocalDate.of(2026, 3, 1));
		row.put("CreationTime", LocalTime.of(15, 51, 4));
		row.put("OrderUUID", UUID.fromString(GUID));
		return row;
	}

	private static Filter parse(ODataVersion version, String text) {
		return new FilterParser(PROPERTIES, version).parse(text);
	}

	private static boolean matchesOrder(ODataVersion version, String text) {
		return parse(version, text).matches(order()::get);
	}

	private static ThrowableAssertAlternative<ODataException> assertRefused(ODataVersion version, String text) {
		return assertThatExceptionOfType(ODataException.class).isThrownBy(() -> parse(version, text))
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(400));
	}

	@ParameterizedTest(name = "V2 {0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Plant eq '1000'                                                   | true
			Plant ne '1000'                                                   | false
			Plant gt '0999'                                                   | true
			Plant ge '1000'                                                   | true
			Plant lt '1000'                                                   | false
			Plant le '1000'                                                   | true
			TotalQuantity eq 12.5M                                            | true
			TotalQuantity eq 12.50m                                           | true
			TotalQuantity eq 12.5                                             | true
			TotalQuantity gt 12                                               | true
			TotalQuantity lt 13L                                              | true
			TotalQuantity ge 12.5d                                            | true
			TotalQuantity le 12.4f                                            | false
			TotalQuantity gt -3                                               | true
			OrderItemCount eq 3                                               | true
			OrderItemCount eq 3.0M                                            | true
			OrderItemCount ne 3                                               | false
			OrderIsReleased eq true                                           | true
			OrderIsReleased eq false                                          | false
			OrderIsReleased ne false                                          | true
			CreationDate eq datetime'2022-12-31T23:59:59'                     | true
			CreationDate gt datetime'2022-12-31T23:59'                        | true
			CreationDate lt datetime'2022-12-31T23:59:59.001'                 | true
			CreationDate ge datetime'2023-01-01T00:00:00'                     | false
			LastChangeDateTime eq datetimeoffset'2022-12-31T23:59:59Z'        | true
			LastChangeDateTime eq datetimeoffset'2023-01-01T00:59:59+01:00'   | true
			LastChangeDateTime lt datetimeoffset'2022-12-31T23:59:59-01:00'   | true
			CreationTime eq time'PT15H51M04S'                                 | true
			CreationTime gt time'PT15H'                                       | true
			CreationTime lt time'PT15H51M04.5S'                               | true
			OrderUUID eq guid'005056a2-3c4d-1eda-9ab1-2f5e8c7d1a00'           | true
			OrderUUID ne guid'005056A2-3C4D-1EDA-9AB1-2F5E8C7D1A00'           | false
			BasicStartDate ne null                                            | true
			""")
	void should_apply_each_operator_and_literal_type_in_v2(String filter, boolean expected) {
		// given
		Filter parsed = parse(ODataVersion.V2, filter);

		// when
		boolean matches = parsed.matches(order()::get);

		// then
		assertThat(matches).isEqualTo(expected);
	}

	@ParameterizedTest(name = "V4 {0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Plant eq '1000'                                                   | true
			Plant lt '2000'                                                   | true
			TotalQuantity eq 12.5                                             | true
			TotalQuantity gt 12                                               | true
			TotalQuantity eq 1.25E1                                           | true
			OrderItemCount le 3                                               | true
			OrderItemCount lt 3                                               | false
			OrderIsReleased eq true                                           | true
			BasicStartDate eq 2026-03-01                                      | true
			BasicStartDate lt 2026-03-02                                      | true
			BasicStartDate gt 2026-03-01                                      | false
			LastChangeDateTime eq 2022-12-31T23:59:59Z                        | true
			LastChangeDateTime ge 2023-01-01T00:59:59+01:00                   | true
			LastChangeDateTime lt 2026-03-01T10:00:00Z                        | true
			LastChangeDateTime gt 2022-12-31T23:59:59.5Z                      | false
			OrderUUID eq 005056a2-3c4d-1eda-9ab1-2f5e8c7d1a00                 | true
			OrderUUID ne 005056a2-3c4d-1eda-9ab1-2f5e8c7d1a01                 | true
			CreationTime eq 15:51:04                                          | true
			CreationTime lt 16:00                                             | true
			CreationDate ne null                                              | true
			""")
	void should_apply_each_operator_and_literal_type_in_v4(String filter, boolean expected) {
		// given
		Filter parsed = parse(ODataVersion.V4, filter);

		// when
		boolean matches = parsed.matches(order()::get);

		// then
		assertThat(matches).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Plant eq '2000' and OrderIsReleased eq true or OrderItemCount eq 3        | true
			Plant eq '1000' or OrderIsReleased eq false and OrderItemCount eq 4       | true
			(Plant eq '1000' or OrderIsReleased eq false) and OrderItemCount eq 4     | false
			Plant eq '1000' and (OrderItemCount eq 4 or TotalQuantity gt 12)          | true
			((Plant eq '1000'))                                                       | true
			OrderIsReleased                                                           | true
			OrderIsReleased and Plant eq '2000'                                       | false
			OrderIsReleased eq (Plant eq '1000')                                      | true
			'1000' eq Plant                                                           | true
			12 lt TotalQuantity                                                       | true
			true                                                                      | true
			""")
	void should_bind_and_tighter_than_or_and_parentheses_tightest(String filter, boolean expected) {
		// given
		Filter parsed = parse(ODataVersion.V2, filter);

		// when
		boolean matches = parsed.matches(order()::get);

		// then
		assertThat(matches).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			not (Plant eq '2000')                           | true
			not(Plant eq '1000')                            | false
			not OrderIsReleased                             | false
			not not OrderIsReleased                         | true
			not OrderIsReleased eq false                    | true
			not startswith(Plant,'2')                       | true
			not (Plant eq '1000' and OrderItemCount eq 4)   | true
			""")
	void should_negate_with_not(String filter, boolean expected) {
		assertThat(matchesOrder(ODataVersion.V2, filter)).isEqualTo(expected);
	}

	@Test
	void should_bind_not_tighter_than_comparison() {
		// given: parsed as (not Plant) eq '1000', which is ill-typed

		// when / then
		assertRefused(ODataVersion.V2, "not Plant eq '1000'")
			.withMessage("Operator 'not' incompatible with operand type 'Edm.String' at position 1");
	}

	@ParameterizedTest(name = "V2 {0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			substringof('00', Plant)                            | true
			substringof('x', Plant)                             | false
			startswith(Plant,'10')                              | true
			startswith(Plant, '00')                             | false
			endswith(Plant,'00')                                | true
			startswith(Plant,'10') eq true                      | true
			endswith(Plant,'1') eq false                        | true
			substringof('00', Plant) and OrderIsReleased        | true
			startswith(MaterialDescription,'x')                 | false
			not startswith(MaterialDescription,'x')             | true
			""")
	void should_evaluate_the_v2_string_functions(String filter, boolean expected) {
		assertThat(matchesOrder(ODataVersion.V2, filter)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "V4 {0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			contains(Plant,'00')                                | true
			contains(Plant,'x') eq false                        | true
			startswith(Plant,'1')                               | true
			endswith(Plant,'0') and contains(Plant,'10')        | true
			""")
	void should_evaluate_the_v4_string_functions(String filter, boolean expected) {
		assertThat(matchesOrder(ODataVersion.V4, filter)).isEqualTo(expected);
	}

	@Test
	void should_reject_a_function_of_the_other_version_naming_it() {
		assertRefused(ODataVersion.V2, "contains(Plant,'00')").withMessage(
				"Function 'contains' is not supported in OData V2 at position 1: use substringof('text',Property)");
		assertRefused(ODataVersion.V4, "substringof('00',Plant)").withMessage(
				"Function 'substringof' is not supported in OData V4 at position 1: use contains(Property,'text')");
	}

	@Test
	void should_reject_an_unknown_function_naming_it() {
		assertRefused(ODataVersion.V4, "tolower(Plant) eq '1000'")
			.withMessageStartingWith("Function 'tolower' is not supported at position 1");
		assertRefused(ODataVersion.V2, "StartsWith(Plant,'1')")
			.withMessageStartingWith("Function 'StartsWith' is not supported at position 1");
	}

	@Test
	void should_reject_a_function_call_with_wrong_arguments() {
		assertRefused(ODataVersion.V2, "startswith(Plant)")
			.withMessage("Function 'startswith' expects 2 arguments but got 1 at position 1");
		assertRefused(ODataVersion.V2, "startswith(Plant,'1','2')")
			.withMessage("Function 'startswith' expects 2 arguments but got 3 at position 1");
		assertRefused(ODataVersion.V2, "startswith(TotalQuantity,'1')").withMessage(
				"Argument 1 of function 'startswith' must be of type 'Edm.String' but is of type 'Edm.Decimal' at position 12");
		assertRefused(ODataVersion.V4, "contains(Plant,null)").withMessageContaining("Argument 2");
		assertRefused(ODataVersion.V4, "contains()").withMessage("Expected an operand but found ')' at position 10");
		assertRefused(ODataVersion.V4, "contains(Plant 'x')")
			.withMessage("Expected ',', ')' or an operator but found string literal 'x' at position 16");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			MaterialDescription eq null                         | true
			MaterialDescription ne null                         | false
			null eq MaterialDescription                         | true
			Plant eq null                                       | false
			Plant ne null                                       | true
			MaterialDescription eq 'x'                          | false
			MaterialDescription ne 'x'                          | true
			ConfirmedQuantity eq 0                              | false
			ConfirmedQuantity ne 0                              | true
			ConfirmedQuantity gt 0                              | false
			ConfirmedQuantity ge 0                              | false
			ConfirmedQuantity lt 0                              | false
			ConfirmedQuantity le 0                              | false
			ConfirmedQuantity lt TotalQuantity                  | false
			ConfirmedQuantity eq ConfirmedQuantity              | true
			ConfirmedQuantity ne PlannedQuantity                | true
			null eq null                                        | true
			""")
	void should_follow_the_null_semantics(String filter, boolean expected) {
		assertThat(matchesOrder(ODataVersion.V2, filter)).isEqualTo(expected);
	}

	@Test
	void should_treat_a_null_boolean_term_as_false() {
		// given
		Map<String, Object> row = order();
		row.put("OrderIsReleased", null);

		// when / then
		assertThat(parse(ODataVersion.V4, "OrderIsReleased").matches(row::get)).isFalse();
		assertThat(parse(ODataVersion.V4, "not OrderIsReleased").matches(row::get)).isTrue();
		assertThat(parse(ODataVersion.V4, "OrderIsReleased eq null").matches(row::get)).isTrue();
		assertThat(parse(ODataVersion.V4, "OrderIsReleased eq false").matches(row::get)).isFalse();
	}

	@Test
	void should_reject_null_with_an_ordering_operator() {
		assertRefused(ODataVersion.V2, "ConfirmedQuantity gt null")
			.withMessage("Operator 'gt' incompatible with operand types 'Edm.Decimal' and 'null' at position 19");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			TotalQuantity gt PlannedQuantity            | true
			TotalQuantity eq TotalQuantity              | true
			OrderItemCount lt TotalQuantity             | true
			Plant eq MaterialDescription                | false
			Plant ne MaterialDescription                | true
			CreationDate eq CreationDate                | true
			""")
	void should_compare_a_property_with_a_property(String filter, boolean expected) {
		assertThat(matchesOrder(ODataVersion.V4, filter)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					TotalQuantity eq 'abc'                                  | Operator 'eq' incompatible with operand types 'Edm.Decimal' and 'Edm.String' at position 15
					Plant eq 1000                                           | Operator 'eq' incompatible with operand types 'Edm.String' and 'Edm.Int32' at position 7
					Plant eq TotalQuantity                                  | Operator 'eq' incompatible with operand types 'Edm.String' and 'Edm.Decimal' at position 7
					OrderIsReleased gt false                                | Operator 'gt' incompatible with operand types 'Edm.Boolean' and 'Edm.Boolean' at position 17
					OrderIsReleased eq 'true'                               | Operator 'eq' incompatible with operand types 'Edm.Boolean' and 'Edm.String' at position 17
					CreationDate eq datetimeoffset'2022-12-31T23:59:59Z'    | Operator 'eq' incompatible with operand types 'Edm.DateTime' and 'Edm.DateTimeOffset' at position 14
					LastChangeDateTime eq datetime'2022-12-31T23:59:59'     | Operator 'eq' incompatible with operand types 'Edm.DateTimeOffset' and 'Edm.DateTime' at position 20
					OrderUUID eq '005056a2-3c4d-1eda-9ab1-2f5e8c7d1a00'     | Operator 'eq' incompatible with operand types 'Edm.Guid' and 'Edm.String' at position 11
					CreationTime eq '15:51:04'                              | Operator 'eq' incompatible with operand types 'Edm.Time' and 'Edm.String' at position 14
					CreationTime eq datetime'2022-12-31T15:51:04'           | Operator 'eq' incompatible with operand types 'Edm.Time' and 'Edm.DateTime' at position 14
					Plant and OrderIsReleased                               | Operator 'and' incompatible with operand types 'Edm.String' and 'Edm.Boolean' at position 7
					OrderIsReleased or TotalQuantity                        | Operator 'or' incompatible with operand types 'Edm.Boolean' and 'Edm.Decimal' at position 17
					Plant                                                   | The $filter expression is of type 'Edm.String' but must be of type 'Edm.Boolean' at position 1
					""")
	void should_reject_incompatible_operand_types_like_sap(String filter, String message) {
		assertRefused(ODataVersion.V2, filter).withMessage(message);
	}

	@Test
	void should_reject_an_unknown_property_naming_it() {
		assertRefused(ODataVersion.V2, "Foo eq 1")
			.withMessage("Property 'Foo' not found in the entity type at position 1");
		assertRefused(ODataVersion.V2, "Plant eq '1000' and plant eq '1000'")
			.withMessageStartingWith("Property 'plant' not found");
	}

	@ParameterizedTest(name = "V4 {0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					CreationDate eq datetime'2022-12-31T23:59:59'       | Literal datetime'2022-12-31T23:59:59' is not supported in OData V4 at position 17
					OrderUUID eq guid'005056a2-3c4d-1eda-9ab1-2f5e8c7d1a00' | Literal guid'005056a2-3c4d-1eda-9ab1-2f5e8c7d1a00' is not supported in OData V4 at position 14
					TotalQuantity eq 12.5M                              | Invalid literal '12.5M' at position 18: type suffixes
					LastChangeDateTime eq 2026-03-01T10:00:00           | Invalid literal '2026-03-01T10:00:00' at position 23: a date-time needs an offset
					BasicStartDate eq 2026-02-30                        | Invalid Edm.Date literal 2026-02-30 at position 19
					CreationTime eq 25:00:00                            | Invalid Edm.Time literal 25:00:00 at position 17
					""")
	void should_reject_v2_or_invalid_literals_in_v4(String filter, String messageStart) {
		assertRefused(ODataVersion.V4, filter).withMessageStartingWith(messageStart);
	}

	@ParameterizedTest(name = "V2 {0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					BasicStartDate eq 2026-03-01                        | Invalid literal '2026-03-01' at position 19: bare dates are OData V4
					LastChangeDateTime eq 2026-03-01T10:00:00Z          | Invalid literal '2026-03-01T10:00:00Z' at position 23: in OData V2 write datetimeoffset'
					OrderUUID eq 005056a2-3c4d-1eda-9ab1-2f5e8c7d1a00   | Invalid literal '005056a2-3c4d-1eda-9ab1-2f5e8c7d1a00' at position 14: in OData V2 write guid'
					CreationDate eq datetime'2022-13-45T00:00:00'       | Invalid Edm.DateTime literal datetime'2022-13-45T00:00:00' at position 17
					CreationDate eq datetime'2022-12-31'                | Invalid datetime literal datetime'2022-12-31' at position 17
					CreationTime eq time'PT25H'                         | Invalid Edm.Time literal time'PT25H' at position 17
					CreationTime eq time'15:51:04'                      | Invalid time literal time'15:51:04' at position 17
					OrderUUID eq guid'not-a-guid'                       | Invalid guid literal guid'not-a-guid' at position 14
					TotalQuantity eq 12.5L                              | Invalid Edm.Int64 literal '12.5L' at position 18
					TotalQuantity eq 12x                                | Invalid literal '12x' at position 18
					TotalQuantity eq 1.                                 | Invalid literal '1.' at position 18
					Plant eq binary'AB'                                 | Literal type 'binary' is not supported at position 10
					""")
	void should_reject_v4_or_invalid_literals_in_v2(String filter, String messageStart) {
		assertRefused(ODataVersion.V2, filter).withMessageStartingWith(messageStart);
	}

	@Test
	void should_reject_an_unterminated_string_literal() {
		assertRefused(ODataVersion.V2, "Plant eq '1000")
			.withMessage("Unterminated string literal at position 10: the opening quote is never closed");
		assertRefused(ODataVersion.V2, "CreationDate eq datetime'2022-12-31T23:59:59")
			.withMessageStartingWith("Unterminated string literal at position 25");
	}

	@Test
	void should_reject_empty_input() {
		assertRefused(ODataVersion.V2, "").withMessage("Expected an operand but found end of input at position 1");
		assertRefused(ODataVersion.V4, "   ").withMessage("Expected an operand but found end of input at position 4");
		assertRefused(ODataVersion.V4, null).withMessage("The $filter expression is missing");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			eq                                      | Expected an operand but found operator 'eq' at position 1
			and                                     | Expected an operand but found operator 'and' at position 1
			Plant eq                                | Expected an operand but found end of input at position 9
			not                                     | Expected an operand but found end of input at position 4
			Plant eq '1000' and                     | Expected an operand but found end of input at position 20
			Plant eq '1000' or or OrderIsReleased   | Expected an operand but found operator 'or' at position 20
			Plant eq '1000' or and(OrderIsReleased) | Expected an operand but found operator 'and' at position 20
			""")
	void should_reject_a_lone_operator(String filter, String message) {
		assertRefused(ODataVersion.V2, filter).withMessage(message);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					Plant eq '1000' xyz               | Expected an operator or end of input but found 'xyz' at position 17
					Plant eq '1000' '2000'            | Expected an operator or end of input but found string literal '2000' at position 17
					Plant eq '1000' 1                 | Expected an operator or end of input but found '1' at position 17
					Plant eq '1000',                  | Expected an operator or end of input but found ',' at position 16
					TotalQuantity add 1 eq 2          | Operator 'add' is not supported at position 15
					""")
	void should_reject_trailing_garbage(String filter, String message) {
		assertRefused(ODataVersion.V2, filter).withMessage(message);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					(Plant eq '1000'                  | Unbalanced parentheses: expected ')' but found end of input at position 17: the '(' at position 1 is never closed
					((Plant eq '1000')                | Unbalanced parentheses: expected ')' but found end of input at position 19: the '(' at position 1 is never closed
					Plant eq '1000')                  | Unbalanced parentheses: unexpected ')' at position 16
					()                                | Expected an operand but found ')' at position 2
					(Plant eq '1000' xyz)             | Expected ')' or an operator but found 'xyz' at position 18
					""")
	void should_reject_unbalanced_parentheses(String filter, String message) {
		assertRefused(ODataVersion.V2, filter).withMessage(message);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					Plant EQ '1000'                          | Unknown operator 'EQ' at position 7: operators are case-sensitive, write 'eq'
					Plant eq '1000' AND OrderIsReleased      | Unknown operator 'AND' at position 17: operators are case-sensitive, write 'and'
					NOT OrderIsReleased                      | Unknown keyword 'NOT' at position 1: keywords are case-sensitive, write 'not'
					OrderIsReleased eq TRUE                  | Unknown keyword 'TRUE' at position 20: keywords are case-sensitive, write 'true'
					NOT(OrderIsReleased)                     | Unknown keyword 'NOT' at position 1: keywords are case-sensitive, write 'not'
					""")
	void should_reject_upper_case_keywords(String filter, String message) {
		assertRefused(ODataVersion.V2, filter).withMessage(message);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			Plant = '1000'                       | Unexpected character '=' at position 7
			Plant eq '1000' && OrderIsReleased   | Unexpected character '&' at position 17
			Plant eq'1000'                       | Expected whitespace after operator 'eq' at position 9
			(Plant eq '1000')and OrderIsReleased | Expected whitespace before operator 'and' at position 18
			not'x' eq 'x'                        | Expected whitespace or '(' after 'not' at position 4
			""")
	void should_reject_stray_characters_and_missing_whitespace(String filter, String message) {
		assertRefused(ODataVersion.V2, filter).withMessage(message);
	}

	@Test
	void should_name_a_control_character_by_its_code_point() {
		assertRefused(ODataVersion.V4, "Plant eq '1000'\nand OrderIsReleased")
			.withMessage("Unexpected character U+000A at position 16");
		assertThat(matchesOrder(ODataVersion.V4, "Plant\teq\t'1000'")).isTrue();
	}

	@Test
	void should_reject_text_longer_than_4096_characters() {
		// given
		String longest = "Plant eq '" + "x".repeat(4085) + "'";
		String tooLong = "Plant eq '" + "x".repeat(4086) + "'";

		// when / then
		assertThat(longest).hasSize(4096);
		assertThat(parse(ODataVersion.V2, longest).matches(order()::get)).isFalse();
		assertRefused(ODataVersion.V2, tooLong)
			.withMessage("The $filter expression is 4097 characters long; at most 4096 are allowed");
	}

	@Test
	void should_reject_100000_opening_parentheses_without_blowing_the_stack() {
		// given
		String filter = "(".repeat(100_000);

		// when
		Throwable thrown = catchThrowable(() -> parse(ODataVersion.V2, filter));

		// then
		assertThat(thrown).isInstanceOf(ODataException.class)
			.hasMessage("The $filter expression is 100000 characters long; at most 4096 are allowed");
		assertThat(((ODataException) thrown).status()).isEqualTo(400);
	}

	@Test
	void should_reject_nesting_deeper_than_64_levels() {
		// given
		String deepest = "(".repeat(64) + "OrderIsReleased" + ")".repeat(64);
		String tooDeep = "(".repeat(65) + "OrderIsReleased" + ")".repeat(65);
		String tooManyNots = "not ".repeat(65) + "OrderIsReleased";
		String unclosed = "(".repeat(4000);

		// when / then
		assertThat(parse(ODataVersion.V2, deepest).matches(order()::get)).isTrue();
		assertRefused(ODataVersion.V2, tooDeep).withMessage("Expression nested deeper than 64 levels at position 65");
		assertRefused(ODataVersion.V2, tooManyNots)
			.withMessage("Expression nested deeper than 64 levels at position 257");
		assertRefused(ODataVersion.V2, unclosed).withMessage("Expression nested deeper than 64 levels at position 65");
	}

	@Test
	void should_evaluate_a_long_flat_chain_without_deep_recursion() {
		// given
		String filter = String.join(" or ", Collections.nCopies(200, "Plant eq '2000'")) + " or Plant eq '1000'";

		// when
		Filter parsed = parse(ODataVersion.V4, filter);

		// then
		assertThat(filter.length()).isLessThanOrEqualTo(4096);
		assertThat(parsed.matches(order()::get)).isTrue();
	}

	@Test
	void should_compare_a_literal_holding_odata_syntax_literally() {
		// given
		Filter filter = parse(ODataVersion.V2, "Plant eq '1000'' or ''1'' eq ''1'");
		Map<String, Object> injected = order();
		injected.put("Plant", "1000' or '1' eq '1");

		// when / then
		assertThat(filter.matches(order()::get)).isFalse();
		assertThat(filter.matches(injected::get)).isTrue();
	}

	@Test
	void should_unescape_doubled_quotes_in_a_string_literal() {
		// given
		Map<String, Object> row = order();
		row.put("MaterialDescription", "O'Neil's (bolt)");

		// when
		Filter filter = parse(ODataVersion.V4, "MaterialDescription eq 'O''Neil''s (bolt)'");

		// then
		assertThat(filter.matches(row::get)).isTrue();
		assertThat(parse(ODataVersion.V4, "Plant ne ''").matches(row::get)).isTrue();
	}

	@Test
	void should_be_reusable_across_rows() {
		// given
		Filter filter = parse(ODataVersion.V2, "TotalQuantity ge 10 and substringof('Bolt', MaterialDescription)");
		Map<String, Object> bolt = order();
		bolt.put("MaterialDescription", "Hex Bolt M8");
		Map<String, Object> small = order();
		small.put("MaterialDescription", "Hex Bolt M6");
		small.put("TotalQuantity", new BigDecimal("9.999"));

		// when / then
		assertThat(List.of(bolt, small, order())).filteredOn((row) -> filter.matches(row::get)).containsExactly(bolt);
	}

	@Test
	void should_refuse_every_prefix_and_random_mutation_only_with_a_400() {
		// given
		String valid = "(Plant eq '1000' or not startswith(Plant,'2')) and TotalQuantity gt 12.5M"
				+ " and CreationDate le datetime'2022-12-31T23:59' and OrderUUID ne guid'" + GUID + "'";
		String alphabet = "()',eqandornot 0123456789.-:TZM'datetime'guidPlantTotalQuantity";
		Random random = new Random(42);

		// when / then
		for (int end = 0; end <= valid.length(); end++) {
			assertParsesOrRefuses(valid.substring(0, end));
		}
		for (int i = 0; i < 5000; i++) {
			StringBuilder mutated = new StringBuilder(valid);
			for (int edits = 1 + random.nextInt(4); edits > 0; edits--) {
				int at = random.nextInt(mutated.length());
				mutated.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
			}
			assertParsesOrRefuses(mutated.toString());
		}
	}

	private static void assertParsesOrRefuses(String text) {
		for (ODataVersion version : ODataVersion.values()) {
			Throwable thrown = catchThrowable(() -> parse(version, text).matches(order()::get));
			if (thrown != null) {
				assertThat(thrown).as(text).isInstanceOf(ODataException.class);
				assertThat(((ODataException) thrown).status()).as(text).isEqualTo(400);
				assertThat(thrown.getMessage()).as(text).containsAnyOf("position", "missing");
			}
		}
	}

}
