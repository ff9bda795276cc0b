package org.millgate.policies.throttle;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import org.millgate.contracts.catalog.ContractCatalog;
import org.millgate.contracts.catalog.Plan;
import org.millgate.contracts.catalog.Priority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PlanLimitsTests {

	@Test
	void burstAndDailyQuotaBecomeTwoBandwidths() {
		PlanLimits limits = PlanLimits.of(new Plan("partner-basic", "", Priority.LOW, 10, 5, OptionalLong.of(10000)));
		assertThat(limits.configuration().getBandwidths()).hasSize(2);
		assertThat(limits.configuration().getBandwidths()[0].getCapacity()).isEqualTo(10);
		assertThat(limits.configuration().getBandwidths()[1].getCapacity()).isEqualTo(10000);
		assertThat(limits.policyHeader()).isEqualTo("\"burst\";q=10;w=2, \"daily\";q=10000;w=86400");
	}

	@Test
	void aPlanWithoutQuotaHasOnlyTheBurstBandwidth() {
		PlanLimits limits = PlanLimits.of(new Plan("line-critical", "", Priority.HIGH, 200, 100, OptionalLong.empty()));
		assertThat(limits.configuration().getBandwidths()).hasSize(1);
		assertThat(limits.policyHeader()).isEqualTo("\"burst\";q=200;w=2");
	}

	@Test
	void everyCatalogPlanHasLimits() {
		assertThat(ContractCatalog.load().plans())
			.allSatisfy((plan) -> assertThat(PlanLimits.of(plan).burst()).isPositive());
	}

	@Test
	void changedLimitsChangeTheFingerprint() {
		assertThat(new PlanLimits("p", Priority.LOW, 10, 5, 0).fingerprint()).isEqualTo("10x5d0")
			.isNotEqualTo(new PlanLimits("p", Priority.LOW, 10, 6, 0).fingerprint());
	}

	@Test
	void aPlanWithoutRateIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PlanLimits("p", Priority.LOW, 0, 5, 0));
	}

}
