package org.millgate.contracts.tools.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.millgate.contracts.catalog.CatalogException;
import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.ContractDocument;
import org.millgate.contracts.tools.compat.Change;
import org.millgate.contracts.tools.compat.CompatibilityChecker;
import org.millgate.contracts.tools.governance.ContractRules;
import org.millgate.contracts.tools.governance.EventContractRules;
import org.millgate.contracts.tools.governance.Violation;
import org.millgate.contracts.tools.pacts.MessageExpectation;
import org.millgate.contracts.tools.pacts.PactCheck;
import org.millgate.contracts.tools.pacts.PactInteraction;
import org.millgate.contracts.tools.review.ContractReview;

/**
 * {@code ./millgate contracts <command>}. Exit codes: 0 fine, 1 a breaking change or a
 * rule violation, 2 bad usage or unreadable input.
 */
public final class ContractsCli {

	static final int OK = 0;

	static final int FINDINGS = 1;

	static final int UNUSABLE = 2;

	private static final String USAGE = """
			Usage: ./millgate contracts <command>
			  diff OLD.yaml NEW.yaml      list every change, breaking or not; exit 1 if any is breaking
			  lint [FILE.yaml ...]        check contracts against the governance rules (default: the catalog's)
			  publish PRODUCT VERSION     make the current contract the released baseline the build compares with
			  impact OLD.yaml NEW.yaml [PACTS_DIR]
			                              the breaking changes and the consumer pact interactions they break;
			                              exit 1 if any consumer breaks (default pacts: contract-tests/pacts);
			                              for two event contracts (AsyncAPI), the consumers' message pacts
			                              (PACTS_DIR/messages) they break
			  review PRODUCT CONTRACTS_DIR RELEASED_DIR PACTS_DIR OUT_DIR
			                              per version: lifecycle, changes from the previous version, consumers;
			                              written as OUT_DIR/PRODUCT/VERSION.md and .html; PRODUCT events/ID
			                              reviews an event product and the event types its consumers rely on
			""";

	private final PrintStream out;

	private final PrintStream err;

	ContractsCli(PrintStream out, PrintStream err) {
		this.out = out;
		this.err = err;
	}

	public static void main(String[] args) {
		System.exit(new ContractsCli(System.out, System.err).run(args));
	}

	int run(String... args) {
		String command = (args.length > 0) ? args[0] : "";
		List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
		try {
			return switch (command) {
				case "diff" -> (rest.size() == 2) ? diff(Path.of(rest.get(0)), Path.of(rest.get(1))) : usage();
				case "lint" -> lint(rest);
				case "publish" -> (rest.size() == 4)
						? publish(rest.get(0), rest.get(1), Path.of(rest.get(2)), Path.of(rest.get(3))) : usage();
				case "impact" ->
					(rest.size() == 2 || rest.size() == 3) ? impact(Path.of(rest.get(0)), Path.of(rest.get(1)),
							Path.of((rest.size() == 3) ? rest.get(2) : "contract-tests/pacts")) : usage();
				case "review" -> (rest.size() == 5) ? review(rest.get(0), Path.of(rest.get(1)), Path.of(rest.get(2)),
						Path.of(rest.get(3)), Path.of(rest.get(4))) : usage();
				case "help", "--help", "-h" -> help();
				default -> usage();
			};
		}
		catch (CatalogException | IllegalStateException ex) {
			this.err.println("millgate contracts: " + ex.getMessage());
			return UNUSABLE;
		}
	}

	private int diff(Path oldFile, Path newFile) {
		ContractDocument before = readContract(oldFile);
		ContractDocument after = readContract(newFile);
		List<Change> changes = new CompatibilityChecker().compare(before, after);
		changes.forEach(this.out::println);
		long breaking = changes.stream().filter(Change::isBreaking).count();
		this.out.printf("%d breaking, %d non-breaking change(s) from %s to %s.%n", breaking, changes.size() - breaking,
				oldFile, newFile);
		if (breaking > 0) {
			this.out.println("Breaking changes need a new major version (a new /vN path and catalog entry).");
			return FINDINGS;
		}
		return OK;
	}

	/**
	 * Can this contract change be deployed? Every consumer interaction of the product's
	 * version that keeps the old contract is checked against the new one.
	 */
	private int impact(Path oldFile, Path newFile, Path pactsDir) {
		if (isAsyncApi(oldFile) && isAsyncApi(newFile)) {
			return eventImpact(ContractDocument.read(oldFile), ContractDocument.read(newFile),
					pactsDir.resolve("messages"));
		}
		ContractDocument before = readContract(oldFile);
		ContractDocument after = readContract(newFile);
		String product = after.tree().path("info").path("x-millgate-product").asText("");
		String version = after.tree().path("paths").fieldNames().hasNext()
				? after.tree().path("paths").fieldNames().next().split("/")[1] : "";
		List<Change> breaking = new CompatibilityChecker().compare(before, after)
			.stream()
			.filter(Change::isBreaking)
			.toList();
		breaking.forEach(this.out::println);
		List<PactInteraction> interactions = PactInteraction.readAll(pactsDir)
			.stream()
			.filter((interaction) -> interaction.provider().equals(product) && interaction.version().equals(version))
			.toList();
		if (interactions.isEmpty()) {
			this.out.printf("No consumer pact calls %s %s in %s.%n", product, version, pactsDir);
			return OK;
		}
		PactCheck oldCheck = new PactCheck(before);
		PactCheck newCheck = new PactCheck(after);
		int broken = 0;
		for (PactInteraction interaction : interactions) {
			List<String> already = oldCheck.violations(interaction);
			if (!already.isEmpty()) {
				// not this change's doing: the pact check of the build reports it
				this.out.println("ALREADY BROKEN " + interaction.label());
				already.forEach((violation) -> this.out.println("       " + violation));
				continue;
			}
			List<String> violations = newCheck.violations(interaction);
			if (!violations.isEmpty()) {
				broken++;
				this.out.println("BREAKS " + interaction.label());
				violations.forEach((violation) -> this.out.println("       " + violation));
			}
		}
		this.out.printf("%d breaking change(s); %d of %d consumer interaction(s) of %s %s would break.%n",
				breaking.size(), broken, interactions.size(), product, version);
		if (broken > 0) {
			this.out.println("Not deployable as it is: the consumers above would break. Keep the old shape, or "
					+ "ship the change in a new major version.");
			return FINDINGS;
		}
		return OK;
	}

	/**
	 * Can this event contract change be deployed? Every message a consumer expects of the
	 * event product (its message pacts) that the old contract promises is checked against
	 * the new one.
	 */
	private int eventImpact(ContractDocument before, ContractDocument after, Path messagesDir) {
		String product = after.tree().path("info").path("x-millgate-product").asText("");
		List<Change> breaking = new CompatibilityChecker().compareEvents(before, after)
			.stream()
			.filter(Change::isBreaking)
			.toList();
		breaking.forEach(this.out::println);
		List<MessageExpectation> expectations = MessageExpectation.readAll(messagesDir)
			.stream()
			.filter((expectation) -> expectation.product().equals(product))
			.toList();
		if (expectations.isEmpty()) {
			this.out.printf("No consumer expects messages of %s in %s.%n", product, messagesDir);
			return OK;
		}
		int broken = 0;
		for (MessageExpectation expectation : expectations) {
			List<String> already = expectation.violations(before);
			if (!already.isEmpty()) {
				this.out.println("ALREADY BROKEN " + expectation.label());
				already.forEach((violation) -> this.out.println("       " + violation));
				continue;
			}
			List<String> violations = expectation.violations(after);
			if (!violations.isEmpty()) {
				broken++;
				this.out.println("BREAKS " + expectation.label());
				violations.forEach((violation) -> this.out.println("       " + violation));
			}
		}
		this.out.printf("%d breaking change(s); %d of %d consumer message(s) of the %s events would break.%n",
				breaking.size(), broken, expectations.size(), product);
		if (broken > 0) {
			this.out.println("Not deployable as it is: the consumers above would break. Keep the old shape, or "
					+ "ship the change in a new major version (a topic of its own).");
			return FINDINGS;
		}
		return OK;
	}

	private int review(String product, Path contractsDir, Path releasedDir, Path pactsDir, Path outDir) {
		ContractReview review = new ContractReview(ContractCatalog.load(contractsDir), releasedDir,
				PactInteraction.readAll(pactsDir));
		// events/<id>: an event product, with the consumers' message pacts
		List<ContractReview.VersionReport> reports = product.startsWith("events/")
				? review.reviewEvents(product.substring("events/".length()),
						MessageExpectation.readAll(pactsDir.resolve("messages")))
				: review.review(product);
		Path directory = outDir.resolve(product);
		try {
			Files.createDirectories(directory);
			for (ContractReview.VersionReport report : reports) {
				Files.writeString(directory.resolve(report.version() + ".md"), report.markdown());
				Files.writeString(directory.resolve(report.version() + ".html"), report.html());
				this.out.println(report.markdown());
			}
		}
		catch (IOException ex) {
			this.err.println("millgate contracts: cannot write the review to " + directory + ": " + ex.getMessage());
			return UNUSABLE;
		}
		this.out.printf("Review of %s written to %s (%s).%n", product, directory,
				String.join(", ", reports.stream().map((r) -> r.version() + ".md/.html").toList()));
		return OK;
	}

	private int lint(List<String> files) {
		List<ContractDocument> documents = files.isEmpty() ? ContractCatalog.load().contracts()
				: files.stream().map(Path::of).map(this::readContract).toList();
		List<Violation> violations = new ArrayList<>(ContractRules.check(documents));
		int checked = documents.size();
		if (files.isEmpty()) {
			// the catalog's event contracts too
			ContractCatalog catalog = ContractCatalog.load();
			violations.addAll(EventContractRules.check(catalog));
			checked += catalog.eventProducts().stream().mapToInt((product) -> product.versions().size()).sum();
		}
		violations.forEach(this.out::println);
		this.out.printf("%d violation(s) in %d contract(s).%n", violations.size(), checked);
		return violations.isEmpty() ? OK : FINDINGS;
	}

	private int publish(String product, String version, Path contractsDir, Path releasedDir) {
		Path source = contractsDir.resolve(product).resolve(version + ".yaml");
		if (!Files.isRegularFile(source)) {
			this.err.println("millgate contracts: no contract " + source);
			return UNUSABLE;
		}
		ContractDocument contract = readContract(source);
		// Checked next to every other contract, so that rules across contracts (unique
		// operationIds, one Problem schema) apply as they do in the build.
		List<ContractDocument> together = new ArrayList<>(ContractCatalog.load()
			.contracts()
			.stream()
			.filter((other) -> !other.name().equals(product + "/" + version + ".yaml"))
			.toList());
		together.add(contract);
		List<Violation> violations = ContractRules.check(together);
		if (!violations.isEmpty()) {
			violations.forEach(this.out::println);
			this.out.println("Not published: fix the violations above first.");
			return FINDINGS;
		}
		Path target = releasedDir.resolve(product).resolve(version + ".yaml");
		if (Files.isRegularFile(target)) {
			List<Change> breaking = new CompatibilityChecker().compare(readContract(target), contract)
				.stream()
				.filter(Change::isBreaking)
				.toList();
			if (!breaking.isEmpty()) {
				breaking.forEach(this.out::println);
				this.out.println("Not published: " + product + " " + version
						+ " is released; breaking changes need a new major version.");
				return FINDINGS;
			}
		}
		try {
			Files.createDirectories(target.getParent());
			Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			this.err.println("millgate contracts: cannot write " + target + ": " + ex.getMessage());
			return UNUSABLE;
		}
		this.out.println("Published " + product + " " + version + ": " + target
				+ " is now the baseline the build checks compatibility against.");
		return OK;
	}

	// an event contract: an AsyncAPI document
	private static boolean isAsyncApi(Path file) {
		return Files.isRegularFile(file) && ContractDocument.read(file).tree().has("asyncapi");
	}

	private ContractDocument readContract(Path file) {
		if (!Files.isRegularFile(file)) {
			throw new CatalogException(file + ": no such file");
		}
		ContractDocument document = ContractDocument.read(file);
		String version = document.tree().path("openapi").asText("");
		if (!version.startsWith("3.") || !document.tree().path("paths").isObject()) {
			throw new CatalogException(file + ": not an OpenAPI 3 document (needs 'openapi: 3.0.x' and 'paths')");
		}
		return document;
	}

	private int help() {
		this.out.print(USAGE);
		return OK;
	}

	private int usage() {
		this.err.print(USAGE);
		return UNUSABLE;
	}

}
