package org.millgate.contracts.tools.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import org.millgate.contracts.openapi.OpenApiTree;

/**
 * Compares one operation's two versions: security, parameters, request body, responses.
 */
final class OperationDiff {

	private final OpenApiTree oldTree;

	private final OpenApiTree newTree;

	private final String label;

	private final List<Change> changes;

	OperationDiff(OpenApiTree oldTree, OpenApiTree newTree, String label, List<Change> changes) {
		this.oldTree = oldTree;
		this.newTree = newTree;
		this.label = label;
		this.changes = changes;
	}

	void security(Set<String> oldScopes, Set<String> newScopes) {
		if (!oldScopes.equals(newScopes)) {
			add(Severity.BREAKING, ChangeKind.SCOPE_CHANGED, "security",
					"required security changed from " + oldScopes + " to " + newScopes);
		}
	}

	void parameters(List<OpenApiTree.Located> oldParameters, String oldPath, List<OpenApiTree.Located> newParameters,
			String newPath) {
		Map<String, JsonNode> before = byKey(oldParameters, oldPath);
		Map<String, JsonNode> after = byKey(newParameters, newPath);
		before.forEach((key, parameter) -> {
			String where = describe(parameter);
			JsonNode updated = after.get(key);
			if (updated == null) {
				add(Severity.BREAKING, ChangeKind.PARAMETER_REMOVED, where,
						"parameter removed; consumers that send it may be rejected");
				return;
			}
			boolean wasRequired = parameter.path("required").asBoolean(false);
			boolean isRequired = updated.path("required").asBoolean(false);
			if (!wasRequired && isRequired) {
				add(Severity.BREAKING, ChangeKind.PARAMETER_REQUIRED, where, "parameter became required");
			}
			else if (wasRequired && !isRequired) {
				add(Severity.NON_BREAKING, ChangeKind.PARAMETER_OPTIONAL, where, "parameter became optional");
			}
			schemas(parameter.path("schema"), updated.path("schema"), Direction.REQUEST, where);
		});
		after.forEach((key, parameter) -> {
			if (!before.containsKey(key)) {
				boolean required = parameter.path("required").asBoolean(false);
				add(required ? Severity.BREAKING : Severity.NON_BREAKING, ChangeKind.PARAMETER_ADDED,
						describe(parameter), required ? "required parameter added" : "optional parameter added");
			}
		});
	}

	void requestBody(JsonNode oldBody, JsonNode newBody) {
		JsonNode before = this.oldTree.resolve(oldBody);
		JsonNode after = this.newTree.resolve(newBody);
		if (before.isMissingNode() && after.isMissingNode()) {
			return;
		}
		if (before.isMissingNode()) {
			boolean required = after.path("required").asBoolean(false);
			add(required ? Severity.BREAKING : Severity.NON_BREAKING, ChangeKind.REQUEST_BODY_ADDED, "request body",
					required ? "required request body added" : "optional request body added");
			return;
		}
		if (after.isMissingNode()) {
			add(Severity.BREAKING, ChangeKind.REQUEST_BODY_REMOVED, "request body", "request body removed");
			return;
		}
		if (!before.path("required").asBoolean(false) && after.path("required").asBoolean(false)) {
			add(Severity.BREAKING, ChangeKind.REQUEST_BODY_REQUIRED, "request body", "request body became required");
		}
		content(before.path("content"), after.path("content"), Direction.REQUEST, "request body");
	}

	void responses(JsonNode oldResponses, JsonNode newResponses) {
		for (Map.Entry<String, JsonNode> response : OpenApiTree.fields(oldResponses)) {
			String where = "response " + response.getKey();
			if (!newResponses.has(response.getKey())) {
				add(Severity.BREAKING, ChangeKind.RESPONSE_REMOVED, where, "response removed");
				continue;
			}
			JsonNode before = this.oldTree.resolve(response.getValue());
			JsonNode after = this.newTree.resolve(newResponses.get(response.getKey()));
			headers(before.path("headers"), after.path("headers"), where);
			content(before.path("content"), after.path("content"), Direction.RESPONSE, where);
		}
		for (Map.Entry<String, JsonNode> response : OpenApiTree.fields(newResponses)) {
			if (!oldResponses.has(response.getKey())) {
				add(Severity.NON_BREAKING, ChangeKind.RESPONSE_ADDED, "response " + response.getKey(),
						"response added");
			}
		}
	}

	private void headers(JsonNode oldHeaders, JsonNode newHeaders, String where) {
		for (Map.Entry<String, JsonNode> header : OpenApiTree.fields(oldHeaders)) {
			String at = where + " header " + header.getKey();
			JsonNode before = this.oldTree.resolve(header.getValue());
			JsonNode after = this.newTree.resolve(field(newHeaders, header.getKey()));
			if (after.isMissingNode()) {
				add(Severity.BREAKING, ChangeKind.HEADER_REMOVED, at, "response header removed");
				continue;
			}
			if (before.path("required").asBoolean(false) && !after.path("required").asBoolean(false)) {
				add(Severity.BREAKING, ChangeKind.HEADER_OPTIONAL, at, "response header no longer always present");
			}
			schemas(before.path("schema"), after.path("schema"), Direction.RESPONSE, at);
		}
		for (Map.Entry<String, JsonNode> header : OpenApiTree.fields(newHeaders)) {
			if (field(oldHeaders, header.getKey()).isMissingNode()) {
				add(Severity.NON_BREAKING, ChangeKind.HEADER_ADDED, where + " header " + header.getKey(),
						"response header added");
			}
		}
	}

	private void content(JsonNode oldContent, JsonNode newContent, Direction direction, String where) {
		for (Map.Entry<String, JsonNode> media : OpenApiTree.fields(oldContent)) {
			String at = where + " " + media.getKey();
			if (!newContent.has(media.getKey())) {
				add(Severity.BREAKING, ChangeKind.MEDIA_TYPE_REMOVED, at, "media type removed");
				continue;
			}
			schemas(media.getValue().path("schema"), newContent.get(media.getKey()).path("schema"), direction, at);
		}
		for (Map.Entry<String, JsonNode> media : OpenApiTree.fields(newContent)) {
			if (!oldContent.has(media.getKey())) {
				add(Severity.NON_BREAKING, ChangeKind.MEDIA_TYPE_ADDED, where + " " + media.getKey(),
						"media type added");
			}
		}
	}

	private void schemas(JsonNode oldSchema, JsonNode newSchema, Direction direction, String where) {
		new SchemaDiff(this.oldTree, this.newTree, (found) -> add(found.severity(), found.kind(),
				found.at().isEmpty() ? where : where + ": " + found.at(), found.detail()))
			.compare(oldSchema, newSchema, direction, "");
	}

	// Path parameters are matched by their place in the path template, since templates
	// match regardless of parameter names.
	private static Map<String, JsonNode> byKey(List<OpenApiTree.Located> parameters, String path) {
		List<String> template = new ArrayList<>();
		Matcher names = Pattern.compile("\\{([^}]*)}").matcher(path);
		while (names.find()) {
			template.add(names.group(1));
		}
		Map<String, JsonNode> byKey = new LinkedHashMap<>();
		for (OpenApiTree.Located parameter : parameters) {
			String in = parameter.node().path("in").asText();
			String name = parameter.node().path("name").asText();
			String key = (in.equals("path") && template.contains(name)) ? "path#" + template.indexOf(name)
					: in + ":" + header(parameter.node(), in);
			byKey.put(key, parameter.node());
		}
		return byKey;
	}

	private static String header(JsonNode parameter, String in) {
		String name = parameter.path("name").asText();
		return in.equals("header") ? name.toLowerCase(Locale.ROOT) : name;
	}

	private static JsonNode field(JsonNode headers, String name) {
		for (Map.Entry<String, JsonNode> header : OpenApiTree.fields(headers)) {
			if (header.getKey().equalsIgnoreCase(name)) {
				return header.getValue();
			}
		}
		return MissingNode.getInstance();
	}

	private static String describe(JsonNode parameter) {
		return parameter.path("in").asText() + " parameter " + parameter.path("name").asText();
	}

	private void add(Severity severity, ChangeKind kind, String location, String detail) {
		this.changes.add(new Change(severity, kind, this.label, location, detail));
	}

}
