package org.millgate.contracts.tools.erpimpact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.millgate.contracts.access.OperationScopes;
import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.tools.erpimpact.ErpLineage.ApiField;
import org.millgate.contracts.tools.erpimpact.ErpLineage.ErpElement;
import org.millgate.contracts.tools.pacts.PactInteraction;

/**
 * "Can I upgrade the ERP?": every difference between two releases' {@code $metadata},
 * followed through the facade's mappings to the API fields filled from it and on to the
 * consumer pact interactions that rely on those fields. A difference the facade absorbs
 * (it reads the same canonical field from another element that the new release has)
 * affects no consumer.
 */
public final class ErpImpact {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final ErpLineage lineage;

	private final ContractCatalog catalog;

	private final List<PactInteraction> pacts;

	/**
	 * An analysis over the given lineage, contracts and pacts.
	 * @param lineage the lineage
	 * @param catalog the contracts
	 * @param pacts the consumers' pact interactions
	 */
	public ErpImpact(ErpLineage lineage, ContractCatalog catalog, List<PactInteraction> pacts) {
		this.lineage = lineage;
		this.catalog = catalog;
		this.pacts = List.copyOf(pacts);
	}

	/**
	 * The differences from one release to another and what each affects.
	 * @param from the release in use
	 * @param to the release to upgrade to
	 * @return the report
	 */
	public Report compare(ErpMetadata from, ErpMetadata to) {
		List<Difference> differences = new ArrayList<>();
		Set<String> ids = new TreeSet<>(from.services().keySet());
		ids.addAll(to.services().keySet());
		Set<String> notCompared = new TreeSet<>();
		for (String id : ids) {
			if ((!from.complete() && !from.services().containsKey(id))
					|| (!to.complete() && !to.services().containsKey(id))) {
				notCompared.add(id);
				continue;
			}
			ErpMetadata.Service before = from.services().get(id);
			ErpMetadata.Service after = to.services().get(id);
			if (before == null) {
				differences.add(added(id, "service " + after.path(), this.lineage.readFrom(id, null, null, null)));
			}
			else if (after == null) {
				differences.add(
						removed(id, "service " + before.path(), this.lineage.readFrom(id, null, null, null), null, to));
			}
			else {
				compare(id, before, after, to, differences);
			}
		}
		return new Report(from.name(), to.name(), differences, notCompared);
	}

	private void compare(String id, ErpMetadata.Service before, ErpMetadata.Service after, ErpMetadata to,
			List<Difference> differences) {
		boolean moved = !before.odataVersion().equals(after.odataVersion()) || (before.path().startsWith("/")
				&& after.path().startsWith("/") && !before.path().equals(after.path()));
		if (moved) {
			Map<String, ErpElement> reads = this.lineage.readFrom(id, null, null, null);
			boolean known = this.lineage.services()
				.stream()
				.anyMatch((service) -> service.id().equals(id)
						&& (service.paths().contains(after.path()) || !after.path().startsWith("/")));
			String what = "service moved from " + before.path() + " (OData " + before.odataVersion() + ") to "
					+ after.path() + " (OData " + after.odataVersion() + ")";
			differences.add(known || reads.isEmpty()
					? new Difference(id, Kind.CHANGED, what, reads.keySet(),
							reads.isEmpty() ? "not used by the facade"
									: "absorbed: the facade calls the service at its new place",
							List.of(), List.of(), Map.of())
					: affected(id, Kind.CHANGED, what, reads.keySet(),
							"the facade does not know the service's new place", reads.keySet()));
		}
		for (String set : union(before.entitySets().keySet(), after.entitySets().keySet())) {
			Map<String, String> old = before.entitySets().get(set);
			Map<String, String> now = after.entitySets().get(set);
			if (old == null) {
				differences.add(added(id, "entity set " + set, this.lineage.readFrom(id, set, null, null)));
				continue;
			}
			if (now == null) {
				differences.add(removed(id, "entity set " + set, this.lineage.readFrom(id, set, null, null), null, to));
				continue;
			}
			for (String property : union(old.keySet(), now.keySet())) {
				String was = old.get(property);
				String is = now.get(property);
				Map<String, ErpElement> reads = this.lineage.readFrom(id, set, property, null);
				if (was == null) {
					differences.add(added(id, "property " + set + "." + property + " (" + is + ")", reads));
				}
				else if (is == null) {
					differences.add(removed(id, "property " + set + "." + property, reads, null, to));
				}
				else if (!was.equals(is)) {
					// a narrower limit breaks what the contracts promise a consumer may
					// write; a wider one what they promise it will read
					String narrowed = ErpType.parse(is).narrowedFrom(ErpType.parse(was));
					differences.add(removed(id,
							"property " + set + "." + property + " changed type from " + was + " to " + is
									+ ((narrowed != null) ? " (narrowed: " + narrowed + ")" : " (widened)"),
							reads, Kind.CHANGED, null));
				}
			}
		}
		for (String set : union(before.navigations().keySet(), after.navigations().keySet())) {
			Map<String, String> old = before.navigations().get(set);
			Map<String, String> now = after.navigations().get(set);
			if (old == null || now == null) {
				continue; // the entity set itself was added or removed
			}
			for (String navigation : union(old.keySet(), now.keySet())) {
				differences.addAll(navigation(id, set, navigation, old.get(navigation), now.get(navigation), to));
			}
		}
		for (String action : union(before.actions(), after.actions())) {
			Map<String, ErpElement> reads = this.lineage.readFrom(id, null, null, action);
			if (!before.actions().contains(action)) {
				differences.add(added(id, "action " + action, reads));
			}
			else if (!after.actions().contains(action)) {
				differences.add(removed(id, "action " + action, reads, null, to));
			}
		}
	}

	/**
	 * A navigation the facade expands reads everything of its target through it: gone, or
	 * leading elsewhere, those fields are lost unless the new target offers them.
	 */
	private List<Difference> navigation(String service, String set, String navigation, String wasTarget,
			String isTarget, ErpMetadata to) {
		String what = "navigation " + set + "." + navigation;
		if (wasTarget != null && wasTarget.equals(isTarget)) {
			return List.of();
		}
		boolean expanded = this.lineage.expands(service, set, navigation);
		if (wasTarget == null) {
			return List.of(new Difference(service, Kind.ADDED, what + " (to " + isTarget + ")", Set.of(),
					expanded ? "the facade expands it in this release" : "not used by the facade", List.of(), List.of(),
					Map.of()));
		}
		Map<String, ErpElement> reads = expanded ? this.lineage.readFrom(service, wasTarget, null, null) : Map.of();
		if (isTarget == null) {
			return List.of(reads.isEmpty()
					? new Difference(service, Kind.REMOVED, what, Set.of(), "not used by the facade", List.of(),
							List.of(), Map.of())
					: affected(service, Kind.REMOVED, what, reads.keySet(),
							"the facade expands it and has no other way", reads.keySet()));
		}
		String changed = what + " now leads to " + isTarget + " instead of " + wasTarget;
		if (reads.isEmpty()) {
			return List.of(new Difference(service, Kind.CHANGED, changed, Set.of(), "not used by the facade", List.of(),
					List.of(), Map.of()));
		}
		Set<String> lost = new LinkedHashSet<>();
		reads.keySet().forEach((canonical) -> {
			boolean offered = this.lineage.mappings()
				.getOrDefault(canonical, List.of())
				.stream()
				.anyMatch((alternative) -> alternative.service().equals(service)
						&& isTarget.equals(alternative.entitySet()) && alternative.existsIn(to));
			if (!offered) {
				lost.add(canonical);
			}
		});
		return List.of(lost.isEmpty()
				? new Difference(service, Kind.CHANGED, changed, reads.keySet(),
						"absorbed: the facade reads the same " + reads.size() + " field(s) from " + isTarget + " in "
								+ to.name(),
						List.of(), List.of(), Map.of())
				: affected(service, Kind.CHANGED, changed, reads.keySet(), "the facade does not read " + isTarget,
						lost));
	}

	private Difference added(String service, String what, Map<String, ErpElement> reads) {
		return new Difference(service, Kind.ADDED, what, reads.keySet(),
				reads.isEmpty() ? "not used by the facade" : what.startsWith("action ")
						? "the facade calls it in this release" : "the facade reads it in this release",
				List.of(), List.of(), Map.of());
	}

	/**
	 * Something the old release had is gone ({@code to} given) or changed ({@code to}
	 * null: nothing can stand in for it).
	 */
	private Difference removed(String service, String what, Map<String, ErpElement> reads, Kind kind, ErpMetadata to) {
		Kind actual = (kind != null) ? kind : Kind.REMOVED;
		if (reads.isEmpty()) {
			return new Difference(service, actual, what, Set.of(), "not used by the facade", List.of(), List.of(),
					Map.of());
		}
		Set<String> lost = new LinkedHashSet<>();
		Map<String, String> insteads = new LinkedHashMap<>();
		reads.forEach((canonical, element) -> {
			ErpElement instead = (to != null) ? this.lineage.mappings()
				.getOrDefault(canonical, List.of())
				.stream()
				.filter((alternative) -> !alternative.equals(element) && alternative.service().equals(element.service())
						&& alternative.existsIn(to))
				.findFirst()
				.orElse(null) : null;
			if (instead != null) {
				insteads.put(canonical, instead.toString());
			}
			else {
				lost.add(canonical);
			}
		});
		if (lost.isEmpty()) {
			// name the entity sets (or actions) the facade turns to, not every property
			Set<String> from = new TreeSet<>();
			insteads.values()
				.forEach((element) -> from.add((insteads.size() == 1) ? element : element.replaceAll("\\.[^.]+$", "")));
			String instead = what.startsWith("action ")
					? "absorbed: the facade calls " + String.join(", ", from) + " instead in " + to.name()
					: "absorbed: the facade reads the same " + reads.size() + " field(s) from "
							+ String.join(", ", from) + " in " + to.name();
			return new Difference(service, actual, what, reads.keySet(), instead, List.of(), List.of(), Map.of());
		}
		return affected(service, actual, what, reads.keySet(),
				(kind == Kind.CHANGED) ? "the facade reads it as it was" : "the facade has no other source", lost);
	}

	private Difference affected(String service, Kind kind, String what, Set<String> reads, String why,
			Set<String> lost) {
		Set<ApiField> distinct = new LinkedHashSet<>();
		for (String canonical : lost) {
			distinct.addAll(this.lineage.apiFields().getOrDefault(canonical, List.of()));
		}
		List<ApiField> fields = List.copyOf(distinct);
		Map<ApiField, List<PactInteraction>> consumers = new LinkedHashMap<>();
		for (ApiField field : fields) {
			List<PactInteraction> relying = this.pacts.stream().filter((pact) -> reliesOn(pact, field)).toList();
			if (!relying.isEmpty()) {
				consumers.put(field, relying);
			}
		}
		List<String> unmapped = lost.stream()
			.filter((canonical) -> this.lineage.apiFields().getOrDefault(canonical, List.of()).isEmpty())
			.toList();
		return new Difference(service, kind, what, reads, why + " for " + String.join(", ", lost), fields, unmapped,
				consumers);
	}

	private boolean reliesOn(PactInteraction interaction, ApiField field) {
		if (!interaction.provider().equals(field.product()) || !interaction.version().equals(field.version())) {
			return false;
		}
		boolean sameOperation = this.catalog.contract(field.product(), field.version())
			.flatMap((contract) -> OperationScopes.of(contract).find(interaction.method(), interaction.path()))
			.map((operation) -> operation.operationId().equals(field.operation()))
			.orElse(false);
		if (!sameOperation) {
			return false;
		}
		String path = field.field();
		if (path.equals("*")) {
			return true;
		}
		if (path.startsWith("query:")) {
			return interaction.query().containsKey(path.substring("query:".length()));
		}
		if (path.startsWith("request:")) {
			return uses(paths(interaction.requestBody()), path.substring("request:".length()));
		}
		return (interaction.status() < 300) && uses(paths(interaction.responseBody()), path);
	}

	private static boolean uses(Set<String> paths, String field) {
		return paths.stream()
			.anyMatch((path) -> path.equals(field) || path.startsWith(field + ".") || path.startsWith(field + "[]"));
	}

	/**
	 * Every path of a JSON body: {@code a.b}, {@code items[].c}, {@code tags[]} for a
	 * list of values.
	 */
	static Set<String> paths(byte[] body) {
		Set<String> paths = new TreeSet<>();
		if (body.length == 0) {
			return paths;
		}
		try {
			collect(JSON.readTree(body), "", paths);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return paths;
	}

	private static void collect(JsonNode node, String at, Set<String> paths) {
		if (node.isObject()) {
			node.properties().forEach((entry) -> {
				String path = at.isEmpty() ? entry.getKey() : at + "." + entry.getKey();
				paths.add(path);
				collect(entry.getValue(), path, paths);
			});
		}
		else if (node.isArray()) {
			node.forEach((item) -> {
				// a list of values (a material's storage locations) is a field of its own
				if (item.isValueNode()) {
					paths.add(at + "[]");
				}
				collect(item, at + "[]", paths);
			});
		}
	}

	private static Set<String> union(Set<String> a, Set<String> b) {
		Set<String> all = new TreeSet<>(a);
		all.addAll(b);
		return all;
	}

	/** How an element differs. */
	public enum Kind {

		/** New in the target release. */
		ADDED,
		/** Gone in the target release. */
		REMOVED,
		/** Still there, but different. */
		CHANGED

	}

	/**
	 * One difference and what it affects.
	 *
	 * @param service the service id
	 * @param kind added, removed or changed
	 * @param what the element and how it differs
	 * @param canonical the canonical fields the facade fills from it
	 * @param verdict what it means for the facade
	 * @param apiFields the API fields that lose their source, empty when none
	 * @param unmapped lost canonical fields that no product lineage maps to an API field:
	 * the facade reads them, so it may fail on every call that reads them
	 * @param consumers of those, the ones consumer pact interactions rely on
	 */
	public record Difference(String service, Kind kind, String what, Set<String> canonical, String verdict,
			List<ApiField> apiFields, List<String> unmapped, Map<ApiField, List<PactInteraction>> consumers) {

		/**
		 * Whether an API field (or a canonical field no product lineage maps, which the
		 * facade still needs) loses its source.
		 * @return true when the facade must change before the upgrade
		 */
		public boolean affectsApi() {
			return !this.apiFields.isEmpty() || !this.unmapped.isEmpty();
		}

	}

	/**
	 * The differences between two releases.
	 *
	 * @param from the release in use
	 * @param to the release to upgrade to
	 * @param differences every difference
	 * @param notCompared services left out because saved documents do not have them
	 */
	public record Report(String from, String to, List<Difference> differences, Set<String> notCompared) {

		/**
		 * Whether any consumer pact interaction is affected.
		 * @return true when one is
		 */
		public boolean consumersAffected() {
			return this.differences.stream().anyMatch((difference) -> !difference.consumers().isEmpty());
		}

		/**
		 * Whether any API field loses its source.
		 * @return true when one does
		 */
		public boolean apiAffected() {
			return this.differences.stream().anyMatch(Difference::affectsApi);
		}

		/**
		 * The report as text for a terminal (Markdown).
		 * @return the text
		 */
		public String text() {
			StringBuilder text = new StringBuilder();
			text.append("# ERP impact: ").append(this.from).append(" → ").append(this.to).append("\n\n");
			if (!this.notCompared.isEmpty()) {
				text.append("Not compared (no saved document): ")
					.append(String.join(", ", this.notCompared))
					.append("\n\n");
			}
			if (this.differences.isEmpty()) {
				text.append("No differences in the services the facade uses.\n\n")
					.append(this.notCompared.isEmpty() ? "No consumer affected.\n"
							: "INCOMPLETE: " + this.notCompared.size() + " service(s) not compared.\n");
				return text.toString();
			}
			String service = null;
			for (Difference difference : this.differences) {
				if (!difference.service().equals(service)) {
					service = difference.service();
					text.append("## ").append(service).append("\n\n");
				}
				text.append("- ")
					.append(difference.kind().name().toLowerCase(Locale.ROOT))
					.append(": ")
					.append(difference.what())
					.append("\n  ")
					.append(difference.verdict());
				if (!difference.canonical().isEmpty() && !difference.affectsApi()) {
					text.append(" (").append(String.join(", ", difference.canonical())).append(')');
				}
				text.append('\n');
				if (!difference.unmapped().isEmpty()) {
					text.append("  read by the facade, but no product lineage maps them to an API field (the facade")
						.append(" may fail on every call that reads them): ")
						.append(String.join(", ", difference.unmapped()))
						.append('\n');
				}
				if (!difference.apiFields().isEmpty()) {
					text.append("  API fields without a source:\n");
					difference.apiFields().forEach((field) -> text.append("    - ").append(field).append('\n'));
				}
				if (difference.affectsApi()) {
					if (difference.consumers().isEmpty()) {
						text.append("  consumers: no consumer pact relies on these fields\n");
					}
					else {
						text.append("  consumers affected:\n");
						Set<String> labels = new TreeSet<>();
						difference.consumers().values().forEach((list) -> list.forEach((i) -> labels.add(i.label())));
						labels.forEach((label) -> text.append("    - ").append(label).append('\n'));
					}
				}
			}
			long used = this.differences.stream().filter((d) -> !d.canonical().isEmpty()).count();
			long affecting = this.differences.stream().filter(Difference::affectsApi).count();
			text.append("\n")
				.append(this.differences.size())
				.append(" difference(s); ")
				.append(used)
				.append(" touch what the facade reads; ")
				.append(affecting)
				.append(" leave API fields without a source.\n");
			if (!apiAffected() && !this.notCompared.isEmpty()) {
				text.append("INCOMPLETE: ")
					.append(this.notCompared.size())
					.append(" service(s) not compared; in those compared the facade absorbs every difference.\n");
			}
			else if (!apiAffected()) {
				text.append("No consumer affected: the facade absorbs every difference it is exposed to.\n");
			}
			else if (!consumersAffected()) {
				text.append("API fields affected, but no consumer pact relies on them: adapt the facade before"
						+ " upgrading.\n");
			}
			else {
				text.append("Consumers affected: adapt the facade (and its lineage) before upgrading.\n");
			}
			return text.toString();
		}

	}

}
