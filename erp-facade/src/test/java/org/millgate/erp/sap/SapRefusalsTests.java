package org.millgate.erp.sap;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.millgate.erp.model.ConfirmationRequest;
import org.millgate.erp.model.Quantity;
import org.millgate.erp.port.ErpFailure;
import org.millgate.testing.erp.ErpSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each row of the README's table of ERP answers, against the simulator: a business
 * refusal is {@code Rejected}, a refusal of the object's state {@code Conflict}, a value
 * beyond the ERP's limit {@code LimitExceeded} before any call; each carries the ERP's
 * reason and none of them counts against the ERP's health.
 */
class SapRefusalsTests {

	private static final String RELEASE = "2022";

	private final ErpSimulator erp = ErpSimulator.of(RELEASE);

	@BeforeEach
	void reset() {
		this.erp.reset();
	}

	@AfterEach
	void clearFaults() {
		this.erp.clearFaults();
	}

	@Test
	void should_type_a_business_refusal_as_rejected_with_the_erps_reason_and_code() {
		SapErpFacade facade = Simulators.facade(RELEASE);

		ErpFailure.Rejected refused = catchThrowableOfType(ErpFailure.Rejected.class,
				() -> facade.confirmations().post(confirmation("1000001", "0990", "1", null)).block());

		assertThat(refused.erpCode()).isEqualTo("RU/120");
		assertThat(refused.erpMessage()).isEqualTo("Operation 0990 does not exist in order 1000001");
	}

	@Test
	void should_type_a_refusal_of_the_orders_state_as_a_conflict() {
		SapErpFacade facade = Simulators.facade(RELEASE);

		ErpFailure.Conflict notReleased = catchThrowableOfType(ErpFailure.Conflict.class,
				() -> facade.confirmations().post(confirmation("1000002", "0010", "1", null)).block());

		assertThat(notReleased.erpCode()).isEqualTo("RU/101");
		assertThat(notReleased.erpMessage()).isEqualTo("Order 1000002 is not released for confirmation");
	}

	@Test
	void should_type_a_refusal_as_rejected_when_the_code_is_not_a_configured_conflict() {
		SapErpFacade facade = Simulators.facade(RELEASE, "conflict-codes", "XX/999");

		assertThatThrownBy(() -> facade.confirmations().post(confirmation("1000002", "0010", "1", null)).block())
			.isInstanceOf(ErpFailure.Rejected.class);
	}

	@Test
	void should_type_a_second_booking_of_the_same_external_id_as_a_conflict() {
		SapErpFacade facade = Simulators.facade(RELEASE);
		ConfirmationRequest once = confirmation("1000001", "0010", "1", null);
		facade.confirmations().post(once).block();

		ErpFailure.Conflict twice = catchThrowableOfType(ErpFailure.Conflict.class,
				() -> facade.confirmations().post(once).block());

		assertThat(twice.erpCode()).isEqualTo("RU/505");
	}

	@Test
	void should_refuse_a_value_beyond_the_erps_limit_before_calling_the_erp() {
		SapErpFacade facade = Simulators.facade(RELEASE);
		long before = this.erp.calls("confirmations", "POST");

		ErpFailure.LimitExceeded note = catchThrowableOfType(ErpFailure.LimitExceeded.class,
				() -> facade.confirmations().post(confirmation("1000001", "0010", "1", "n".repeat(41))).block());
		ErpFailure.LimitExceeded decimals = catchThrowableOfType(ErpFailure.LimitExceeded.class,
				() -> facade.confirmations().post(confirmation("1000001", "0010", "1.0005", null)).block());
		ErpFailure.LimitExceeded digits = catchThrowableOfType(ErpFailure.LimitExceeded.class,
				() -> facade.confirmations().post(confirmation("1000001", "0010", "10000000000", null)).block());

		assertThat(note.field()).isEqualTo("ConfirmationRequest.text");
		assertThat(note.erpMessage()).isEqualTo("The note has 41 characters; the ERP keeps at most 40");
		assertThat(decimals.erpMessage()).contains("1.0005", "4 decimals", "at most 3");
		assertThat(digits.erpMessage()).contains("10000000000", "9999999999.999");
		ErpFailure.LimitExceeded extreme = catchThrowableOfType(ErpFailure.LimitExceeded.class,
				() -> facade.confirmations().post(confirmation("1000001", "0010", "1e-99999999", null)).block());
		assertThat(extreme.erpMessage()).as("told briefly, not with its zeros written out")
			.contains("1E-99999999", "99999999 decimals")
			.hasSizeLessThan(200);
		assertThat(this.erp.calls("confirmations", "POST")).as("nothing reached the ERP").isEqualTo(before);
		// at the limits, the whole value is booked
		facade.confirmations().post(confirmation("1000001", "0010", "1", "n".repeat(40))).block();
	}

	@Test
	void should_not_count_refusals_as_failures_of_the_erp() {
		SapErpFacade facade = Simulators.facade(RELEASE, "circuit-breaker.sliding-window", "4",
				"circuit-breaker.minimum-calls", "4");

		for (int i = 0; i < 8; i++) {
			assertThatThrownBy(() -> facade.confirmations().post(confirmation("1000001", "0990", "1", null)).block())
				.isInstanceOf(ErpFailure.Rejected.class);
		}

		assertThat(facade.calls().circuitBreaker().getState().name()).isEqualTo("CLOSED");
		assertThat(facade.calls().circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
	}

	private static ConfirmationRequest confirmation(String order, String operation, String yield, String text) {
		return new ConfirmationRequest(order, operation, Quantity.of(yield, "H87"), Quantity.of("0", "H87"), false,
				null, null, null, null, text, UUID.randomUUID());
	}

}
