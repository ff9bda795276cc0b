package org.millgate.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.validation.RequestValidator;
import org.millgate.contracts.validation.RequestViolation;
import org.millgate.contracts.validation.ResponseValidator;

/**
 * Contract validation as the gateway runs it on every call, with validators built once
 * per route: a GET with query parameters, a confirmation POST with its JSON body, and the
 * response of a shipment read (the bench's full chain validates that one in report mode).
 * Each once with the validators as the gateway builds them ({@code pattern} on
 * {@code java.util.regex}, compiled once) and once as the JSON Schema library checks
 * {@code pattern} by itself (a JavaScript engine per check): the
 * {@code …EcmaScriptEngine} benchmarks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ValidationBenchmark {

	private static final byte[] NO_BODY = new byte[0];

	private static final byte[] CONFIRMATION = ("{\"operation\":\"0010\",\"yield\":{\"value\":12,\"unit\":\"H87\"},"
			+ "\"scrap\":{\"value\":1,\"unit\":\"H87\"},\"finalConfirmation\":false,"
			+ "\"executionStart\":\"2026-03-02T06:00:00Z\",\"executionEnd\":\"2026-03-02T08:00:00Z\"}")
		.getBytes(StandardCharsets.UTF_8);

	private RequestValidator inventory;

	private RequestValidator orders;

	private ResponseValidator shipments;

	private RequestValidator inventoryOnScript;

	private RequestValidator ordersOnScript;

	private ResponseValidator shipmentsOnScript;

	private byte[] shipment;

	@Setup
	public void setUp() throws IOException {
		ContractCatalog catalog = ContractCatalog.load();
		this.inventory = new RequestValidator(catalog.contract("inventory", "v1").orElseThrow());
		this.orders = new RequestValidator(catalog.contract("production-orders", "v2").orElseThrow());
		this.shipments = new ResponseValidator(catalog.contract("shipments", "v1").orElseThrow());
		this.inventoryOnScript = new RequestValidator(catalog.contract("inventory", "v1").orElseThrow(), false);
		this.ordersOnScript = new RequestValidator(catalog.contract("production-orders", "v2").orElseThrow(), false);
		this.shipmentsOnScript = new ResponseValidator(catalog.contract("shipments", "v1").orElseThrow(), false);
		Path root = Path.of(System.getProperty("millgate.bench.root", "."));
		this.shipment = Files.readAllBytes(root.resolve("gateway/src/test/resources/stub/shipment.json"));
		// each must be valid: a benchmark of a refusal would measure the wrong path
		require(getAvailability(), "availability request");
		require(postConfirmation(), "confirmation request");
		require(shipmentResponse(), "shipment response");
		require(getAvailabilityEcmaScriptEngine(), "availability request");
		require(postConfirmationEcmaScriptEngine(), "confirmation request");
		require(shipmentResponseEcmaScriptEngine(), "shipment response");
	}

	@Benchmark
	public List<RequestViolation> getAvailability() {
		return availability(this.inventory);
	}

	@Benchmark
	public List<RequestViolation> getAvailabilityEcmaScriptEngine() {
		return availability(this.inventoryOnScript);
	}

	@Benchmark
	public List<RequestViolation> postConfirmation() {
		return confirmation(this.orders);
	}

	@Benchmark
	public List<RequestViolation> postConfirmationEcmaScriptEngine() {
		return confirmation(this.ordersOnScript);
	}

	@Benchmark
	public List<RequestViolation> shipmentResponse() {
		return shipment(this.shipments);
	}

	@Benchmark
	public List<RequestViolation> shipmentResponseEcmaScriptEngine() {
		return shipment(this.shipmentsOnScript);
	}

	private static List<RequestViolation> availability(RequestValidator validator) {
		return validator.validate("GET", "/v1/inventory/availability",
				Map.of("material", List.of("FG-100"), "plant", List.of("1000")), Map.of(), NO_BODY);
	}

	private static List<RequestViolation> confirmation(RequestValidator validator) {
		return validator.validate("POST", "/v2/production-orders/1000001/confirmations", Map.of(),
				Map.of("Content-Type", List.of("application/json"), "Idempotency-Key", List.of("bench-key-0001")),
				CONFIRMATION);
	}

	private List<RequestViolation> shipment(ResponseValidator validator) {
		return validator.validate("GET", "/v1/shipments/80000001", 200,
				Map.of("Content-Type", List.of("application/json"), "X-Correlation-Id",
						List.of("3f1c9a2e-6b7d-4e0a-9c51-0d2f8e7a4b10"), "ETag", List.of("\"sh-80000001-1\"")),
				this.shipment);
	}

	private static void require(List<RequestViolation> violations, String what) {
		if (!violations.isEmpty()) {
			throw new IllegalStateException("The " + what + " breaks its contract: " + violations);
		}
	}

}
