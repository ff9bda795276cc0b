package org.millgate.erpsim.data;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.UUID;

import static org.millgate.erpsim.data.SeedRows.TODAY;
import static org.millgate.erpsim.data.SeedRows.between;
import static org.millgate.erpsim.data.SeedRows.day;
import static org.millgate.erpsim.data.SeedRows.digits;
import static org.millgate.erpsim.data.SeedRows.earliest;
import static org.millgate.erpsim.data.SeedRows.insert;
import static org.millgate.erpsim.data.SeedRows.qty;

/**
 * The confirmations of one order, one group per order (its number, zero-padded), counted
 * 1, 2, ... Those neither reversed nor reversals add up to each operation's confirmed
 * yield and scrap; the last confirmation of a finished operation is final. Some orders
 * carry a mistaken confirmation and its reversal, which cancel out.
 */
final class SeedConfirmations {

	private static final String[] CLERKS = { "JMUELLER", "AKOWALSKA", "TNGUYEN" };

	private final ErpData data;

	private final SeedOrder order;

	private final Random random;

	private final String group;

	private int count;

	private SeedConfirmations(ErpData data, SeedOrder order, Random random) {
		this.data = data;
		this.order = order;
		this.random = random;
		this.group = digits(Long.parseLong(order.number()), 10);
	}

	static void write(ErpData data, SeedOrder order, SeedProgress progress, Random random) {
		SeedConfirmations confirmations = new SeedConfirmations(data, order, random);
		boolean mistake = random.nextInt(8) == 0;
		for (SeedProgress.Step step : progress.steps()) {
			if (!step.started()) {
				continue;
			}
			if (mistake) {
				long wrong = Math.max(1, order.quantity() / 4);
				confirmations.post(step, wrong, 0, false, 0, "Wrong quantity", Kind.REVERSED);
				confirmations.post(step, wrong, 0, false, 0, "Cancellation", Kind.REVERSAL);
				mistake = false;
			}
			int parts = (int) Math.min(step.yield(), between(random, 1, 3));
			for (int part = 0; part < parts; part++) {
				boolean last = part == parts - 1;
				long good = step.yield() / parts + (last ? step.yield() % parts : 0);
				boolean finalConfirmation = last && step.finished();
				confirmations.post(step, good, last ? step.scrap() : 0, finalConfirmation, (part + 1.0) / parts,
						finalConfirmation ? "Final confirmation" : "Partial confirmation", Kind.VALID);
			}
		}
	}

	private enum Kind {

		VALID, REVERSED, REVERSAL

	}

	// Posted when its share of the operation's run is done, never after today.
	private void post(SeedProgress.Step step, long good, long scrap, boolean finalConfirmation, double share,
			String text, Kind kind) {
		this.count++;
		long span = ChronoUnit.DAYS.between(step.start(), step.end());
		LocalDate posted = earliest(step.start().plusDays(Math.round(span * share)), TODAY);
		LocalTime start = LocalTime.of(6, 0).plusHours(2L * (this.count % 7));
		LocalTime end = start.plusMinutes(105);
		boolean fromMes = this.random.nextInt(3) != 0;
		// A reversal is the ERP's own booking, with no external ID to deduplicate.
		UUID external = (fromMes && kind != Kind.REVERSAL)
				? UUID.nameUUIDFromBytes((this.group + "/" + this.count).getBytes(StandardCharsets.UTF_8)) : null;
		String user = fromMes ? "MES_CONNECT" : CLERKS[this.random.nextInt(CLERKS.length)];
		insert(this.data, "Confirmation", "ConfirmationGroup", this.group, "ConfirmationCount",
				String.format("%08d", this.count), "OrderID", this.order.number(), "OrderOperation", step.operation(),
				"Sequence", "0", "Material", this.order.material().code(), "Plant", this.order.plant(), "WorkCenter",
				SeedOrderRows.workCenter(step, this.order), "ConfirmationUnit", this.order.material().unit(),
				"ConfirmationYieldQuantity", qty(good), "ConfirmationScrapQuantity", qty(scrap),
				"ConfirmationReworkQuantity", qty(0), "FinalConfirmationType", finalConfirmation ? "X" : "",
				"IsFinalConfirmation", finalConfirmation, "IsReversed", kind == Kind.REVERSED, "IsReversal",
				kind == Kind.REVERSAL, "PostingDate", day(posted), "ConfirmedExecutionStartDate", day(posted),
				"ConfirmedExecutionStartTime", start, "ConfirmedExecutionEndDate", day(posted),
				"ConfirmedExecutionEndTime", end, "VarianceReasonCode", (scrap > 0) ? "0001" : "", "ConfirmationText",
				text, "ExternalSystemConfirmation", external, "EnteredByUser", user, "ConfirmationEntryDateTime",
				OffsetDateTime.of(posted, end.plusMinutes(4), ZoneOffset.UTC));
	}

}
