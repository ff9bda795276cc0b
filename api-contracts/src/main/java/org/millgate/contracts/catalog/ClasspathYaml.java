package org.millgate.contracts.catalog;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The YAML files of this module read from the classpath (problem types, units of
 * measure), with the one way of telling what is missing in them.
 */
public final class ClasspathYaml {

	private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

	private ClasspathYaml() {
	}

	/**
	 * Reads a file.
	 * @param location its path on the classpath, e.g.
	 * {@code millgate/contracts/problems.yaml}
	 * @return its tree
	 * @throws CatalogException when it is missing or not YAML
	 */
	public static JsonNode read(String location) {
		try (InputStream in = ClasspathYaml.class.getClassLoader().getResourceAsStream(location)) {
			if (in == null) {
				throw new CatalogException("classpath:" + location + " does not exist");
			}
			return YAML.readTree(in);
		}
		catch (IOException ex) {
			throw new CatalogException("classpath:" + location + " cannot be read: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A text a file must give.
	 * @param node the object holding it
	 * @param field its name
	 * @param at where the object is, for the message
	 * @return the text
	 * @throws CatalogException when it is missing or blank
	 */
	public static String text(JsonNode node, String field, String at) {
		String value = node.path(field).asText("");
		if (value.isBlank()) {
			throw new CatalogException(at + "/" + field + ": a non-empty text is required");
		}
		return value;
	}

}
