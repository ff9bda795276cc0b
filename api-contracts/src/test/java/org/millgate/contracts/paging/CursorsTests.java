package org.millgate.contracts.paging;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorsTests {

	private final Cursors cursors = new Cursors(
			"a-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8));

	@Test
	void should_read_back_the_position_it_issued() {
		String cursor = this.cursors.issue("plant=1000", List.of("20260302134331", "1000042"));

		assertThat(cursor).matches("^[A-Za-z0-9_-]{1,512}$");
		assertThat(this.cursors.read("plant=1000", cursor)).contains(List.of("20260302134331", "1000042"));
	}

	@Test
	void should_refuse_a_cursor_sent_with_other_filters() {
		String cursor = this.cursors.issue("plant=1000", List.of("x"));

		assertThat(this.cursors.read("plant=2000", cursor)).isEmpty();
	}

	@Test
	void should_refuse_an_altered_or_forged_cursor() {
		String cursor = this.cursors.issue("plant=1000", List.of("20260302134331", "1000042"));
		char[] altered = cursor.toCharArray();
		altered[2] = (altered[2] == 'A') ? 'B' : 'A';

		assertThat(this.cursors.read("plant=1000", new String(altered))).isEmpty();
		assertThat(this.cursors.read("plant=1000", "eyJrIjoiMTAwMDAwMDEyMyJ9c2lnbmF0dXJl")).isEmpty();
		assertThat(this.cursors.read("plant=1000", "not base64 !")).isEmpty();
		assertThat(new Cursors("another-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8))
			.read("plant=1000", cursor)).isEmpty();
	}

	@Test
	void should_refuse_a_short_secret() {
		assertThatThrownBy(() -> new Cursors(new byte[16])).hasMessageContaining("32 bytes");
	}

}
