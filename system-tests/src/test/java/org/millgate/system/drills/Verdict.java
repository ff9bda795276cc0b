package org.millgate.system.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A drill's one-line verdict: its checks, each passed or failed, and its figures. The
 * line is printed and appended to {@code target/drills/verdicts.txt} whatever the
 * outcome, then a failed check fails the test with the figures in its message.
 */
final class Verdict {

	static final Path FILE = Path.of("target", "drills", "verdicts.txt");

	private final String drill;

	private final List<String> figures = new ArrayList<>();

	private final List<String> failed = new ArrayList<>();

	Verdict(String drill) {
		this.drill = drill;
	}

	/**
	 * A figure of the drill, shown whether it passes or not.
	 * @param text e.g. {@code 41 answers 503 with Retry-After}
	 * @return this
	 */
	Verdict figure(String text) {
		this.figures.add(text);
		return this;
	}

	/**
	 * A check: what must hold.
	 * @param expectation the expectation, e.g.
	 * {@code every refusal is 503 with Retry-After}
	 * @param holds whether it holds
	 * @return this
	 */
	Verdict check(String expectation, boolean holds) {
		if (!holds) {
			this.failed.add(expectation);
		}
		return this;
	}

	/**
	 * Prints and records the verdict, then fails when a check failed.
	 */
	void conclude() {
		String line = "DRILL " + this.drill + ": " + (this.failed.isEmpty() ? "PASS" : "FAIL") + " — "
				+ String.join("; ", this.figures)
				+ (this.failed.isEmpty() ? "" : " — failed: " + String.join("; ", this.failed));
		System.out.println(line);
		try {
			Files.createDirectories(FILE.getParent());
			Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (!this.failed.isEmpty()) {
			throw new AssertionError(line);
		}
	}

}
