package org.millgate.benchmarks.reconciliation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.millgate.benchmarks.ErpClient;

/**
 * The reconciliation half of {@code ./millgate bench}, on a running platform: a plant's
 * storage locations with 1,000 and then 10,000 stock positions (batches the bench books
 * into storage locations of its own, {@code Z...}), counted by the WMS exactly as the ERP
 * has them but for 10 positions counted short, reported through the gateway, and
 * reconciled by an inventory run: how long the report and the run take, how many ERP
 * calls the run needed, and that it found the 10 differences and nothing else. The 10,000
 * run is reported beside the 1,000 run of the same bench, as a ratio.
 * <p>
 * Arguments: ERP base URL, gateway URL, a WMS token (reconciliation:report, plant 1000),
 * an operations token (reconciliation:read and manage), the Markdown file to write.
 */
public final class ReconciliationBench {

	private static final String DOCUMENTS = "/sap/opu/odata/sap/API_MATERIAL_DOCUMENT_SRV";

	private static final String PLANT = "1000";

	private static final int PER_DOCUMENT = 200;

	private static final int SHORT = 10;

	private final ErpClient erp;

	private final String erpUrl;

	private final String gateway;

	private final String wms;

	private final String ops;

	private ReconciliationBench(String erp, String gateway, String wms, String ops) {
		this.erp = new ErpClient(erp);
		this.erpUrl = erp;
		this.gateway = gateway;
		this.wms = wms;
		this.ops = ops;
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 5) {
			System.err.println("usage: ReconciliationBench ERP-URL GATEWAY-URL WMS-TOKEN OPS-TOKEN REPORT.md");
			System.exit(2);
		}
		ReconciliationBench bench = new ReconciliationBench(args[0], args[1], args[2], args[3]);
		List<String> lines = bench.run();
		Files.write(Path.of(args[4]), lines);
		lines.forEach(System.out::println);
	}

	private List<String> run() throws Exception {
		String material = batchManagedMaterial();
		// storage locations of the bench's own, new on every bench run
		String tag = Long.toString(System.currentTimeMillis() % 46656, 36).toUpperCase(Locale.ROOT);
		tag = "000".substring(tag.length()) + tag;
		Result small = reconcile(material, "Y" + tag, 1_000);
		Result large = reconcile(material, "Z" + tag, 10_000);
		List<String> lines = new ArrayList<>();
		lines.add("## Reconciliation of a plant's stock (an inventory run through the gateway)");
		lines.add("");
		lines.add("The WMS counts stock positions exactly as the ERP books them, except " + SHORT
				+ " counted one short; the count is reported through the gateway "
				+ "(`POST /v1/reconciliation/stock-counts`), then an `INVENTORY` run compares it with the ERP's stock "
				+ "at the time of the count.");
		lines.add("");
		lines.add("| positions | count body | report (through the gateway) | run (queued → finished) | ERP reads "
				+ "(HTTP requests the simulator answered meanwhile) | mismatches opened |");
		lines.add("|---|---|---|---|---|---|");
		lines.add(small.row());
		lines.add(large.row());
		lines.add("");
		lines.add(String.format(Locale.ROOT,
				"10,000 positions took %.1f× the run time of 1,000 and %.1f× its ERP requests (same bench run); "
						+ "each run found the %d positions counted short%s.",
				large.runMillis / (double) Math.max(1, small.runMillis),
				large.erpRequests / (double) Math.max(1, small.erpRequests), SHORT,
				(small.mismatches == SHORT && large.mismatches == SHORT) ? " and nothing else"
						: String.format(Locale.ROOT, ", opening %d and %d mismatches: see the runs", small.mismatches,
								large.mismatches)));
		return lines;
	}

	private record Result(int positions, int bodyBytes, long reportMillis, long runMillis, int erpCalls,
			int erpRequests, int mismatches) {

		String row() {
			return String.format(Locale.ROOT, "| %,d | %,d KiB | %d ms | %d ms | %d (%d HTTP requests) | %d |",
					this.positions, this.bodyBytes / 1024, this.reportMillis, this.runMillis, this.erpCalls,
					this.erpRequests, this.mismatches);
		}

	}

	// every request the simulator has answered, from its statistics; while the run works,
	// the platform's other services read the ERP too (the change feed), so this is an
	// upper
	// bound of the run's own
	private long erpRequests() throws Exception {
		String stats = send(HttpRequest.newBuilder(URI.create(this.erpUrl + "/_sim/stats")).build()).body();
		Matcher matcher = Pattern.compile("\"total\":(\\d+)").matcher(stats);
		long total = 0;
		while (matcher.find()) {
			total += Long.parseLong(matcher.group(1));
		}
		return total;
	}

	private Result reconcile(String material, String prefix, int positions) throws Exception {
		int locations = Math.max(1, positions / 1_000);
		System.err.println("reconciliation: booking " + positions + " positions in " + locations + " storage locations "
				+ prefix + "...");
		List<String> counted = new ArrayList<>();
		List<String> items = new ArrayList<>();
		for (int i = 0; i < positions; i++) {
			String location = prefix.substring(0, 3) + (i % locations);
			String batch = "B" + prefix.substring(1) + String.format(Locale.ROOT, "%05d", i);
			int quantity = 5 + (i % 17);
			items.add("{\"Material\":\"" + material + "\",\"Plant\":\"" + PLANT + "\",\"StorageLocation\":\"" + location
					+ "\",\"Batch\":\"" + batch + "\",\"GoodsMovementType\":\"552\",\"QuantityInEntryUnit\":\""
					+ quantity + "\"}");
			int countedQuantity = (i < SHORT) ? quantity - 1 : quantity;
			counted.add("{\"material\":\"" + material + "\",\"storageLocation\":\"" + location + "\",\"batch\":\""
					+ batch + "\",\"stockStatus\":\"ON_HAND\",\"quantity\":{\"value\":" + countedQuantity
					+ ".000,\"unit\":\"" + unit(material) + "\"}}");
			if (items.size() == PER_DOCUMENT || i == positions - 1) {
				check(this.erp.post(DOCUMENTS, "A_MaterialDocumentHeader",
						"{\"GoodsMovementCode\":\"05\",\"to_MaterialDocumentItem\":[" + String.join(",", items) + "]}"),
						201, "booking the bench's stock");
				items.clear();
			}
		}
		// the count starts after the last booking's second: the ERP keeps entry times to
		// the
		// second, and a movement in the count's own second counts as one after it
		Thread.sleep(1_000 - (System.currentTimeMillis() % 1_000) + 50);
		Instant countedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String body = "{\"plant\":\"" + PLANT + "\",\"countedAt\":\"" + countedAt + "\",\"positions\":["
				+ String.join(",", counted) + "]}";
		long reportStart = System.nanoTime();
		HttpResponse<String> reported = send(
				HttpRequest.newBuilder(URI.create(this.gateway + "/v1/reconciliation/stock-counts"))
					.header("Authorization", "Bearer " + this.wms)
					.header("Content-Type", "application/json")
					.header("Idempotency-Key", UUID.randomUUID().toString())
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build());
		long reportMillis = (System.nanoTime() - reportStart) / 1_000_000;
		check(reported, 201, "the count");
		System.err.println("reconciliation: running the inventory run of " + positions + " positions...");
		HttpResponse<String> queued = send(HttpRequest.newBuilder(URI.create(this.gateway + "/v1/reconciliation/runs"))
			.header("Authorization", "Bearer " + this.ops)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"plant\":\"" + PLANT + "\",\"area\":\"INVENTORY\",\"from\":\""
					+ countedAt.minusSeconds(1) + "\"}"))
			.build());
		check(queued, 202, "the run");
		String location = queued.headers().firstValue("Location").orElseThrow();
		long requestsBefore = erpRequests();
		long runStart = System.nanoTime();
		Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
		String run;
		while (true) {
			run = send(HttpRequest.newBuilder(URI.create(this.gateway + location))
				.header("Authorization", "Bearer " + this.ops)
				.build()).body();
			String state = field(run, "state");
			if ("FINISHED".equals(state)) {
				break;
			}
			if ("FAILED".equals(state) || Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("The run did not finish: " + run);
			}
			Thread.sleep(100);
		}
		long runMillis = (System.nanoTime() - runStart) / 1_000_000;
		return new Result(positions, body.length(), reportMillis, runMillis, number(run, "erpCalls"),
				(int) (erpRequests() - requestsBefore), number(run, "opened"));
	}

	private String batchManagedMaterial() throws Exception {
		String answer = this.erp
			.get("/sap/opu/odata/sap/API_PRODUCT_SRV/A_ProductPlant?$filter=Plant%20eq%20%27" + PLANT
					+ "%27%20and%20IsBatchManagementRequired%20eq%20true&$top=1")
			.body();
		String material = field(answer, "Product");
		if (material == null) {
			throw new IllegalStateException("The ERP has no batch-managed material in plant " + PLANT + ": " + answer);
		}
		return material;
	}

	private String unit(String material) throws Exception {
		if (this.unit == null) {
			String answer = this.erp.get("/sap/opu/odata/sap/API_PRODUCT_SRV/A_Product('" + material + "')").body();
			String sap = field(answer, "BaseUnit");
			this.unit = switch (sap) {
				case "PC", "ST" -> "H87";
				case "KG" -> "KGM";
				case "L" -> "LTR";
				case "M" -> "MTR";
				default -> sap;
			};
		}
		return this.unit;
	}

	private String unit;

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.erp.send(request);
	}

	private static void check(HttpResponse<String> response, int status, String what) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
		}
	}

	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static int number(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

}
