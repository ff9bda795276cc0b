package org.millgate.contracts.tools.erpimpact;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.tools.erpimpact.ErpLineage.ApiField;
import org.millgate.contracts.tools.erpimpact.ErpLineage.ErpElement;

/**
 * Whether the contracts promise only what the ERP keeps: for each API field the lineage
 * traces to an ERP property, the contract's {@code maxLength} (or the longest value its
 * {@code pattern} or {@code enum} admits), {@code maximum}, decimals ({@code multipleOf},
 * {@code integer}) and nullability must fit inside the property's {@code MaxLength},
 * {@code Precision}/{@code Scale} and {@code Nullable} in every release that has it.
 * <p>
 * A field written to the ERP (a request field or a query parameter that becomes an ERP
 * filter) must be bounded by its contract at least as tightly as the ERP; a field read
 * from the ERP must not promise a longer or larger value than the ERP can hold. Strings
 * the product derives (an {@code enum}, a date or time {@code format}) and values of
 * another kind than the property (a unit read together with a quantity) are not compared.
 * <p>
 * Where a released contract promised more than the ERP keeps before this check existed,
 * the contract says so on the field with {@code x-millgate-erp-limit}, naming the ERP's
 * limit and the problem code the product answers when a value exceeds it (a documented
 * refusal instead of silent truncation); the check accepts the field only when the stated
 * limit is the ERP's own.
 */
public final class ErpConstraints {

	/** The contract extension that documents a refusal at the ERP's limit. */
	public static final String ERP_LIMIT = "x-millgate-erp-limit";

	private static final Set<String> DERIVED_FORMATS = Set.of("date", "date-time", "time", "uuid", "uri", "email");

	private ErpConstraints() {
	}

	/**
	 * One field whose contract promises more than an ERP release keeps.
	 *
	 * @param field the API field
	 * @param canonical the canonical field between them
	 * @param element the ERP property
	 * @param release the release
	 * @param contract what the contract promises
	 * @param erp what the ERP keeps
	 */
	public record Misfit(ApiField field, String canonical, ErpElement element, String release, String contract,
			String erp) {

		@Override
		public String toString() {
			return this.field + " (" + this.canonical + " ← " + this.element + ") in ERP release " + this.release
					+ ": the contract promises " + this.contract + ", the ERP keeps " + this.erp;
		}

	}

	/**
	 * Checks every traced field against every release.
	 * @param lineage the lineage
	 * @param catalog the contracts
	 * @param releases the supported ERP releases
	 * @return the fields that promise more than a release keeps
	 */
	public static List<Misfit> check(ErpLineage lineage, ContractCatalog catalog, List<ErpMetadata> releases) {
		Map<ApiField, Integer> sources = new HashMap<>();
		lineage.apiFields()
			.values()
			.forEach((fields) -> fields.forEach((field) -> sources.merge(field, 1, Integer::sum)));
		List<Misfit> misfits = new ArrayList<>();
		lineage.apiFields().forEach((canonical, fields) -> {
			for (ApiField field : fields) {
				// a value the product composes of several or decodes into several (a
				// cursor, a "group-counter" id, a problem's code) is its own, not a copy
				// of one ERP property
				boolean composed = sources.get(field) > 1;
				var schema = ApiFieldSchema.of(catalog, field);
				if (schema.isEmpty() || composed) {
					continue;
				}
				for (ErpElement element : lineage.mappings().getOrDefault(canonical, List.of())) {
					if (element.property() == null) {
						continue;
					}
					for (ErpMetadata release : releases) {
						release.service(element.service())
							.flatMap((service) -> service.type(element.entitySet(), element.property()))
							.map(ErpType::parse)
							.map((type) -> misfit(schema.get(), type, isWritten(field)))
							.ifPresent((found) -> {
								if (found.length > 0) {
									misfits
										.add(new Misfit(field, canonical, element, release.name(), found[0], found[1]));
								}
							});
					}
				}
			}
		});
		return misfits;
	}

	/**
	 * Whether a field's value travels to the ERP.
	 * @param field the field
	 * @return true for a request field and for a query parameter
	 */
	public static boolean isWritten(ApiField field) {
		return field.field().startsWith("request:") || field.field().startsWith("query:");
	}

	// {what the contract promises, what the ERP keeps}, or an empty array when it fits
	private static String[] misfit(ApiFieldSchema field, ErpType erp, boolean written) {
		JsonNode schema = field.schema();
		JsonNode declared = schema.path(ERP_LIMIT);
		String type = schema.path("type").asText("");
		if (erp.isString() && "string".equals(type) && !schema.has("enum")
				&& !DERIVED_FORMATS.contains(schema.path("format").asText(""))) {
			String[] found = length(schema, erp, written);
			if (found.length > 0 && declared.has("maxLength")) {
				return (declared.path("maxLength").asInt() == erp.maxLength()) ? new String[0]
						: new String[] { ERP_LIMIT + ".maxLength " + declared.path("maxLength").asInt(),
								"MaxLength " + erp.maxLength() };
			}
			if (found.length > 0) {
				return found;
			}
		}
		if (erp.isNumber() && ("number".equals(type) || "integer".equals(type))) {
			String[] found = number(schema, erp, written);
			if (found.length > 0 && (declared.has("maximum") || declared.has("decimals"))) {
				boolean same = equal(declared.path("maximum"), erp.maximum())
						&& declared.path("decimals").asInt(-1) == erp.decimals();
				return same ? new String[0]
						: new String[] { ERP_LIMIT + " maximum " + declared.path("maximum").asText("none")
								+ ", decimals " + declared.path("decimals").asText("none"), erp.describe() };
			}
			if (found.length > 0) {
				return found;
			}
		}
		if (written && !erp.nullable() && field.optional()) {
			return new String[] { "that the field may be absent or null", erp.describe() };
		}
		return new String[0];
	}

	private static String[] length(JsonNode schema, ErpType erp, boolean written) {
		if (erp.maxLength() == null) {
			return new String[0];
		}
		Integer limit = schema.has("maxLength") ? Integer.valueOf(schema.path("maxLength").asInt()) : null;
		Integer byPattern = PatternLength.max(schema.path("pattern").asText(null));
		if (limit == null || (byPattern != null && byPattern < limit)) {
			limit = byPattern;
		}
		if (limit == null) {
			return written ? new String[] { "strings of any length (no maxLength, no bounded pattern)",
					"MaxLength " + erp.maxLength() } : new String[0];
		}
		return (limit > erp.maxLength())
				? new String[] { "up to " + limit + " characters", "MaxLength " + erp.maxLength() } : new String[0];
	}

	private static String[] number(JsonNode schema, ErpType erp, boolean written) {
		BigDecimal erpMaximum = erp.maximum();
		Integer erpDecimals = erp.decimals();
		BigDecimal maximum = schema.has("maximum") ? schema.path("maximum").decimalValue()
				: schema.has("exclusiveMaximum") && schema.path("exclusiveMaximum").isNumber()
						? schema.path("exclusiveMaximum").decimalValue() : null;
		if (erpMaximum != null) {
			if (maximum == null && written) {
				return new String[] { "numbers of any size (no maximum)", erp.describe() };
			}
			if (maximum != null && maximum.compareTo(erpMaximum) > 0) {
				return new String[] { "values up to " + maximum.toPlainString(),
						erp.describe() + " (at most " + erpMaximum.toPlainString() + ")" };
			}
		}
		if (erpDecimals != null && written) {
			Integer decimals = "integer".equals(schema.path("type").asText()) ? Integer.valueOf(0)
					: schema.has("multipleOf")
							? Integer.valueOf(
									Math.max(0, schema.path("multipleOf").decimalValue().stripTrailingZeros().scale()))
							: null;
			if (decimals == null || decimals > erpDecimals) {
				return new String[] {
						(decimals == null) ? "any number of decimals (no multipleOf)" : decimals + " decimals",
						erp.describe() };
			}
		}
		return new String[0];
	}

	private static boolean equal(JsonNode declared, BigDecimal erp) {
		return (erp == null) ? declared.isMissingNode()
				: declared.isNumber() && declared.decimalValue().compareTo(erp) == 0;
	}

}
