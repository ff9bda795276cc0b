package org.millgate.contracts.problems;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.millgate.contracts.catalog.CatalogException;
import org.millgate.contracts.catalog.ClasspathYaml;

import static org.millgate.contracts.catalog.ClasspathYaml.text;

/**
 * Every documented problem type, loaded once from the classpath; immutable.
 */
public final class ProblemTypes {

	private static final String LOCATION = "millgate/contracts/problems.yaml";

	private final List<ProblemType> types;

	private ProblemTypes(List<ProblemType> types) {
		this.types = List.copyOf(types);
	}

	/**
	 * Loads the problem types.
	 * @return the problem types
	 * @throws CatalogException when the file is missing or inconsistent
	 */
	public static ProblemTypes load() {
		JsonNode root = ClasspathYaml.read(LOCATION);
		List<ProblemType> types = new ArrayList<>();
		Set<String> codes = new HashSet<>();
		Set<String> uris = new HashSet<>();
		JsonNode list = root.path("problems");
		for (int i = 0; i < list.size(); i++) {
			JsonNode node = list.get(i);
			String at = "problems.yaml /problems/" + i;
			ProblemType type = new ProblemType(text(node, "code", at), URI.create(text(node, "type", at)),
					node.path("status").asInt(), text(node, "title", at), text(node, "description", at));
			if (type.status() < 400 || type.status() > 599) {
				throw new CatalogException(at + "/status: must be 400..599");
			}
			if (!codes.add(type.code()) || !uris.add(type.type().toString())) {
				throw new CatalogException(at + ": code or type defined twice");
			}
			types.add(type);
		}
		return new ProblemTypes(types);
	}

	/**
	 * Every problem type.
	 * @return the types, in file order
	 */
	public List<ProblemType> all() {
		return this.types;
	}

	/**
	 * The problem type of a code.
	 * @param code e.g. {@code request.invalid}
	 * @return the type, or empty
	 */
	public Optional<ProblemType> byCode(String code) {
		return this.types.stream().filter((type) -> type.code().equals(code)).findFirst();
	}

	/**
	 * The problem type of a code that must exist.
	 * @param code e.g. {@code request.invalid}
	 * @return the type
	 * @throws IllegalArgumentException when the code is not documented
	 */
	public ProblemType get(String code) {
		return byCode(code).orElseThrow(() -> new IllegalArgumentException("undocumented problem code " + code));
	}

}
