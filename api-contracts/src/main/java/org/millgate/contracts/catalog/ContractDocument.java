package org.millgate.contracts.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * One OpenAPI contract document, as text and as a tree. Immutable: {@link #tree()} hands
 * out a copy, {@link #parse()} a freshly parsed model, so no caller can change what
 * another sees. Callers on hot paths parse once and keep what they built.
 */
public final class ContractDocument {

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private final String name;

	private final String source;

	private final JsonNode tree;

	private ContractDocument(String name, String source, JsonNode tree) {
		this.name = name;
		this.source = source;
		this.tree = tree;
	}

	/**
	 * Reads a contract from YAML or JSON text.
	 * @param name how messages refer to the document, e.g.
	 * {@code production-orders/v1.yaml}
	 * @param source the document text
	 * @return the document
	 * @throws CatalogException when the text is not a YAML or JSON object
	 */
	public static ContractDocument of(String name, String source) {
		JsonNode tree;
		try {
			tree = YAML.readTree(source);
		}
		catch (JacksonException ex) {
			throw new CatalogException(name + ": not valid YAML: " + ex.getOriginalMessage(), ex);
		}
		if (tree == null || !tree.isObject()) {
			throw new CatalogException(name + ": not an OpenAPI document (expected a YAML object at the top)");
		}
		return new ContractDocument(name, source, tree);
	}

	/**
	 * Reads a contract from a file.
	 * @param file the YAML or JSON file
	 * @return the document, named by the file's path as given
	 * @throws CatalogException when the file cannot be read or is not a YAML object
	 */
	public static ContractDocument read(Path file) {
		try {
			return of(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new CatalogException(
					file + ": cannot be read (" + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * How messages refer to this document.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The document as written, e.g. to serve it to Swagger UI.
	 * @return the text
	 */
	public String source() {
		return this.source;
	}

	/**
	 * The document as a tree, {@code $ref}s unresolved.
	 * @return a copy the caller may keep or change
	 */
	public JsonNode tree() {
		return this.tree.deepCopy();
	}

	/**
	 * Parses the document with swagger-parser, {@code $ref}s left in place.
	 * @return the parse result, with its messages
	 */
	public SwaggerParseResult parse() {
		ParseOptions options = new ParseOptions();
		options.setResolve(false);
		return new OpenAPIV3Parser().readContents(this.source, null, options);
	}

	/**
	 * The parsed model.
	 * @return a freshly parsed model
	 * @throws CatalogException when the document cannot be parsed
	 */
	public OpenAPI openApi() {
		SwaggerParseResult result = parse();
		if (result.getOpenAPI() == null) {
			throw new CatalogException(this.name + ": cannot be parsed as OpenAPI: " + result.getMessages());
		}
		return result.getOpenAPI();
	}

	@Override
	public String toString() {
		return "ContractDocument[" + this.name + "]";
	}

}
