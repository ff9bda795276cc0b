package org.millgate.contracts.tools.erpimpact;

import java.io.PrintStream;
import java.nio.file.Path;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.tools.pacts.PactInteraction;

/**
 * {@code ./millgate erp-impact FROM TO}, run as
 * {@code ErpImpactCli REPOSITORY_ROOT FROM TO}: the lineage, the contracts, the pacts and
 * the simulator's exported releases are read from the checkout. Exit 0 when no API field
 * loses its source, 1 when one does (the report names the consumers), 2 when an input
 * cannot be read, 3 when saved documents left services out and nothing else was found.
 */
public final class ErpImpactCli {

	private static final String USAGE = "usage: erp-impact FROM TO   (each a simulator release such as 2020, 2022,"
			+ " 2023, as erp-simulator's build exports them to " + MetadataSource.SIMULATOR_RELEASES
			+ "; an http(s) URL of an ERP; or a directory of <service-id>.xml $metadata documents)";

	private ErpImpactCli() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Runs the command.
	 * @param args the repository root, the release in use, the release to upgrade to
	 * @param out where the report goes
	 * @param err where errors go
	 * @return the exit code
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length != 3) {
			err.println(USAGE);
			return 2;
		}
		return run(args, Path.of(args[0]).resolve(MetadataSource.SIMULATOR_RELEASES), out, err);
	}

	/**
	 * Runs the command with the simulator's releases read from elsewhere than the
	 * repository's {@value MetadataSource#SIMULATOR_RELEASES}.
	 * @param args the repository root, the release in use, the release to upgrade to
	 * @param releases the directory of the simulator's exported releases
	 * @param out where the report goes
	 * @param err where errors go
	 * @return the exit code
	 */
	static int run(String[] args, Path releases, PrintStream out, PrintStream err) {
		if (args.length != 3) {
			err.println(USAGE);
			return 2;
		}
		Path root = Path.of(args[0]);
		try {
			ErpLineage lineage = ErpLineage.read(root);
			MetadataSource source = new MetadataSource(lineage, releases, System.getenv());
			ErpMetadata from = source.load(args[1]);
			ErpMetadata to = source.load(args[2]);
			ContractCatalog catalog = ContractCatalog
				.load(root.resolve("api-contracts/src/main/resources/millgate/contracts"));
			ErpImpact.Report report = new ErpImpact(lineage, catalog,
					PactInteraction.readAll(root.resolve("contract-tests/pacts")))
				.compare(from, to);
			out.print(report.text());
			return report.apiAffected() ? 1 : report.notCompared().isEmpty() ? 0 : 3;
		}
		catch (RuntimeException ex) {
			err.println("erp-impact: " + ex.getMessage());
			return 2;
		}
	}

}
