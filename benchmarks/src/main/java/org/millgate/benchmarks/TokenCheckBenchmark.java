package org.millgate.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.security.oauth2.jwt.Jwt;

import org.millgate.policies.auth.TokenVerifier;
import org.millgate.policies.auth.TrustedIssuer;
import org.millgate.testing.TestTokens;

/**
 * The JWT check of the gateway's authentication policy: a token seen for the first time
 * (parsing, RS256 signature, issuer, audience and time checks) and one the gateway has
 * verified before (only its expiry and revocations are checked again).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenCheckBenchmark {

	private TokenVerifier remembering;

	private TokenVerifier verifyingEachTime;

	private String token;

	@Setup
	public void setUp() {
		TestTokens tokens = TestTokens.get();
		List<TrustedIssuer> issuers = List
			.of(new TrustedIssuer(TestTokens.ISSUER, tokens.jwkSetUri(), TestTokens.AUDIENCE));
		this.remembering = new TokenVerifier(
				new TokenVerifier.Config(issuers, Duration.ofSeconds(30), Set.of("RS256")));
		this.verifyingEachTime = new TokenVerifier(
				new TokenVerifier.Config(issuers, Duration.ofSeconds(30), Set.of("RS256"), 0));
		this.token = tokens.token("mes-plant-1000", "production-orders:read inventory:read", List.of("1000"));
		// the keys are fetched once, before measuring
		this.remembering.verify(this.token).block();
		this.verifyingEachTime.verify(this.token).block();
	}

	@Benchmark
	public Jwt firstSight() {
		return this.verifyingEachTime.verify(this.token).block();
	}

	@Benchmark
	public Jwt remembered() {
		return this.remembering.verify(this.token).block();
	}

}
