package org.millgate.gateway;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import org.millgate.contracts.problems.ProblemTypes;
import org.millgate.web.Problems;

import static org.assertj.core.api.Assertions.assertThat;

class ManagementGuardTests {

	@Test
	void onlyManagementClientsReadMetrics() {
		ManagementGuard guard = new ManagementGuard(new ManagementGuard.Config(""), new Problems(ProblemTypes.load()));
		assertThat(guard.isManagementClient(new InetSocketAddress("127.0.0.1", 1))).isTrue();
		assertThat(guard.isManagementClient(new InetSocketAddress("10.1.2.3", 1))).isFalse();
		ManagementGuard monitoring = new ManagementGuard(new ManagementGuard.Config("10\\.9\\.\\d+\\.\\d+"),
				new Problems(ProblemTypes.load()));
		assertThat(monitoring.isManagementClient(new InetSocketAddress("10.9.0.7", 1))).isTrue();
		assertThat(monitoring.isManagementClient(new InetSocketAddress("127.0.0.1", 1))).isFalse();
	}

}
