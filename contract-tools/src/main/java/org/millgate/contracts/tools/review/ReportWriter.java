package org.millgate.contracts.tools.review;

import java.util.List;

/**
 * Writes one report as Markdown and as a self-contained HTML page at once.
 */
final class ReportWriter {

	private final StringBuilder markdown = new StringBuilder();

	private final StringBuilder html = new StringBuilder();

	ReportWriter(String title) {
		this.markdown.append("# ").append(title).append("\n\n");
		this.html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
			.append(escape(title))
			.append("</title>\n<style>\n")
			.append("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;")
			.append("color:#1b1f24;line-height:1.5}\n")
			.append("table{border-collapse:collapse;width:100%;margin:0 0 1rem}")
			.append("th,td{border:1px solid #8c959f;padding:.3rem .5rem;text-align:left;vertical-align:top}\n")
			.append("th{background:#eaeef2}code{background:#f6f8fa;padding:0 .2rem}\n")
			.append(".breaking{color:#a40e26;font-weight:bold}\n</style>\n</head>\n<body>\n<main>\n<h1>")
			.append(escape(title))
			.append("</h1>\n");
	}

	void heading(String text) {
		this.markdown.append("## ").append(text).append("\n\n");
		this.html.append("<h2>").append(escape(text)).append("</h2>\n");
	}

	void paragraph(String text) {
		this.markdown.append(text).append("\n\n");
		this.html.append("<p>").append(inline(text)).append("</p>\n");
	}

	void list(List<String> items) {
		if (items.isEmpty()) {
			return;
		}
		this.html.append("<ul>\n");
		for (String item : items) {
			this.markdown.append("- ").append(item).append('\n');
			this.html.append("<li>").append(inline(item)).append("</li>\n");
		}
		this.markdown.append('\n');
		this.html.append("</ul>\n");
	}

	void table(List<String> header, List<List<String>> rows) {
		this.markdown.append("| ").append(String.join(" | ", header)).append(" |\n|");
		header.forEach((column) -> this.markdown.append("---|"));
		this.markdown.append('\n');
		this.html.append("<table>\n<thead><tr>");
		header.forEach((column) -> this.html.append("<th scope=\"col\">").append(escape(column)).append("</th>"));
		this.html.append("</tr></thead>\n<tbody>\n");
		for (List<String> row : rows) {
			this.markdown.append("| ")
				.append(String.join(" | ", row.stream().map((cell) -> cell.replace("|", "\\|")).toList()))
				.append(" |\n");
			this.html.append("<tr>");
			row.forEach((cell) -> this.html.append("<td>").append(inline(cell)).append("</td>"));
			this.html.append("</tr>\n");
		}
		this.markdown.append('\n');
		this.html.append("</tbody>\n</table>\n");
	}

	String markdown() {
		return this.markdown.toString();
	}

	String html() {
		return this.html + "</main>\n</body>\n</html>\n";
	}

	/** The report's content without page, title and styles, to place in another page. */
	String htmlBody() {
		String page = this.html.toString();
		return page.substring(page.indexOf("</h1>\n") + "</h1>\n".length());
	}

	/**
	 * Markdown's {@code **bold**} and {@code `code`} as HTML, everything else escaped.
	 */
	private static String inline(String text) {
		String escaped = escape(text);
		escaped = escaped.replaceAll("\\*\\*BREAKING\\*\\*", "<span class=\"breaking\">BREAKING</span>");
		escaped = escaped.replaceAll("\\*\\*([^*]+)\\*\\*", "<strong>$1</strong>");
		return escaped.replaceAll("`([^`]+)`", "<code>$1</code>");
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
