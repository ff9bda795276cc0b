package org.millgate.reconciliation.reconcile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.millgate.web.JsonText;

/**
 * A disagreement one run found: what disagrees, about what, and both sides' evidence.
 *
 * @param kind what disagrees
 * @param plant the plant
 * @param subject what it is about
 * @param evidence the evidence as the contract shows it ({@code erp}, {@code reported},
 * {@code inFlight})
 */
public record Finding(MismatchKind kind, String plant, Subject subject, Map<String, Object> evidence) {

	public Finding {
		evidence = new LinkedHashMap<>(evidence);
	}

	/**
	 * The stable id: the same kind about the same object keeps it across runs.
	 * @return e.g. {@code stock-quantity:1000:RM-200:0002:B1:ON_HAND}
	 */
	public String mismatchId() {
		return idOf(this.kind, this.plant, this.subject);
	}

	static String idOf(MismatchKind kind, String plant, Subject subject) {
		return switch (kind.area()) {
			case CONFIRMATIONS ->
				kind.idPrefix() + ":" + subject.orderId() + ":" + subject.operation() + ":" + subject.confirmationId();
			case INVENTORY -> kind.idPrefix() + ":" + plant + ":" + subject.material().replace('/', '_') + ":"
					+ subject.storageLocation() + ":" + ((subject.batch() != null) ? subject.batch() : "-")
					+ ((subject.stockStatus() != null) ? ":" + subject.stockStatus() : "");
			case SHIPMENTS -> kind.idPrefix() + ":" + subject.shipmentId();
		};
	}

	/**
	 * A digest of both sides' values (not of when they were read): an accepted mismatch
	 * is not reopened while a run finds the same values.
	 * @return the hex digest
	 */
	public String valuesDigest() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("erp", valueOf(this.evidence.get("erp")));
		values.put("reported", valueOf(this.evidence.get("reported")));
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(JsonText.string(values).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static Object valueOf(Object side) {
		return (side instanceof Map<?, ?> map) ? ((Map<String, Object>) map).get("value") : null;
	}

}
