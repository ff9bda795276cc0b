package org.millgate.portal.operations;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Charts as SVG, drawn on the server: no script, no library, readable by a screen reader
 * through their title and description, and the same in every browser.
 */
public final class Charts {

	private static final String[] COLOURS = { "#1f5fa8", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0e7490" };

	private static final int WIDTH = 640;

	private static final int HEIGHT = 220;

	private static final int LEFT = 56;

	private static final int RIGHT = 16;

	private static final int TOP = 16;

	private static final int BOTTOM = 40;

	private static final int LEGEND_ROW = 16;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private Charts() {
	}

	/**
	 * A line per series over time.
	 * @param title what it shows
	 * @param unit the unit of the values, e.g. {@code ms}
	 * @param series name → points, oldest first
	 * @param value the value of a point
	 * @return the SVG
	 */
	public static String lines(String title, String unit, Map<String, List<OperationsFigures.Point>> series,
			ToDoubleFunction<OperationsFigures.Point> value) {
		Instant first = null;
		Instant last = null;
		double max = 0;
		for (List<OperationsFigures.Point> points : series.values()) {
			for (OperationsFigures.Point point : points) {
				first = (first == null || point.at().isBefore(first)) ? point.at() : first;
				last = (last == null || point.at().isAfter(last)) ? point.at() : last;
				max = Math.max(max, value.applyAsDouble(point));
			}
		}
		StringBuilder svg = open(title, description(title, series.keySet(), unit), series.size());
		if (first == null || first.equals(last)) {
			svg.append(text(WIDTH / 2, HEIGHT / 2, "middle", "Not enough samples yet"));
			return svg.append("</svg>").toString();
		}
		double top = niceCeiling(max);
		axes(svg, top, unit);
		if (!unit.isEmpty()) {
			svg.append(text(LEFT - 6, TOP - 4, "end", unit));
		}
		long span = last.toEpochMilli() - first.toEpochMilli();
		svg.append(text(LEFT, HEIGHT - 8, "start", TIME.format(first) + " UTC"));
		svg.append(text(WIDTH - RIGHT, HEIGHT - 8, "end", TIME.format(last) + " UTC"));
		int index = 0;
		for (Map.Entry<String, List<OperationsFigures.Point>> entry : series.entrySet()) {
			String colour = COLOURS[index % COLOURS.length];
			StringBuilder points = new StringBuilder();
			for (OperationsFigures.Point point : entry.getValue()) {
				double x = LEFT
						+ (WIDTH - LEFT - RIGHT) * (point.at().toEpochMilli() - first.toEpochMilli()) / (double) span;
				double y = y(value.applyAsDouble(point), top);
				points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
			}
			svg.append("<polyline fill=\"none\" stroke=\"")
				.append(colour)
				.append("\" stroke-width=\"2\" points=\"")
				.append(points.toString().trim())
				.append("\"/>");
			legend(svg, index, colour, entry.getKey());
			index++;
		}
		return svg.append("</svg>").toString();
	}

	/**
	 * Two bars per day: opened and resolved.
	 * @param title what it shows
	 * @param days day → {opened, closed}, oldest first
	 * @return the SVG
	 */
	public static String bars(String title, Map<LocalDate, int[]> days) {
		StringBuilder svg = open(title, title + ", per day: opened and resolved.", 2);
		if (days.isEmpty()) {
			svg.append(text(WIDTH / 2, HEIGHT / 2, "middle", "No runs yet"));
			return svg.append("</svg>").toString();
		}
		int max = 1;
		for (int[] counts : days.values()) {
			max = Math.max(max, Math.max(counts[0], counts[1]));
		}
		double top = niceCeiling(max);
		axes(svg, top, "");
		double slot = (WIDTH - LEFT - RIGHT) / (double) days.size();
		double bar = Math.max(2, Math.min(24, slot / 3));
		int i = 0;
		for (Map.Entry<LocalDate, int[]> day : days.entrySet()) {
			double x = LEFT + slot * i + slot / 2;
			for (int k = 0; k < 2; k++) {
				double y = y(day.getValue()[k], top);
				svg.append(String.format(Locale.ROOT,
						"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %d %s</title></rect>",
						x - bar + k * bar, y, bar, HEIGHT - BOTTOM - y, COLOURS[k], day.getKey(), day.getValue()[k],
						(k == 0) ? "opened" : "resolved"));
			}
			if (days.size() <= 14 || i % Math.max(1, days.size() / 7) == 0) {
				svg.append(text((int) x, HEIGHT - BOTTOM + 14, "middle", day.getKey().toString().substring(5)));
			}
			i++;
		}
		legend(svg, 0, COLOURS[0], "opened");
		legend(svg, 1, COLOURS[1], "resolved");
		return svg.append("</svg>").toString();
	}

	private static StringBuilder open(String title, String description, int legends) {
		String id = "c" + Integer.toHexString(title.hashCode());
		return new StringBuilder().append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
			.append(WIDTH)
			.append(' ')
			.append(HEIGHT + 8 + ((legends + 1) / 2) * LEGEND_ROW)
			.append("\" role=\"img\" aria-labelledby=\"")
			.append(id)
			.append("-t ")
			.append(id)
			.append("-d\" class=\"chart\"><title id=\"")
			.append(id)
			.append("-t\">")
			.append(escape(title))
			.append("</title><desc id=\"")
			.append(id)
			.append("-d\">")
			.append(escape(description))
			.append("</desc>");
	}

	private static void axes(StringBuilder svg, double top, String unit) {
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>",
				LEFT, TOP, LEFT, HEIGHT - BOTTOM, LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM));
		for (int k = 0; k <= 4; k++) {
			double value = top * k / 4;
			double y = y(value, top);
			svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>",
					LEFT, y, WIDTH - RIGHT, y));
			svg.append(text(LEFT - 6, (int) y + 4, "end", format(value)));
		}
	}

	// below the plot, two to a row, names shortened to what fits
	private static void legend(StringBuilder svg, int index, String colour, String name) {
		int x = LEFT + (index % 2) * 290;
		int y = HEIGHT + 6 + (index / 2) * LEGEND_ROW;
		String shown = (name.length() > 44) ? name.substring(0, 43) + "…" : name;
		svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", x, y,
				colour));
		svg.append(text(x + 14, y + 9, "start", shown));
	}

	private static double y(double value, double top) {
		return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * (value / top);
	}

	private static String text(int x, int y, String anchor, String text) {
		return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"11\" text-anchor=\"" + anchor + "\" fill=\"#333\">"
				+ escape(text) + "</text>";
	}

	private static double niceCeiling(double max) {
		if (max <= 0) {
			return 1;
		}
		double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * magnitude >= max) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static String format(double value) {
		if (value == Math.rint(value)) {
			return Long.toString((long) value);
		}
		return (value < 1) ? String.format(Locale.ROOT, "%.3f", value) : String.format(Locale.ROOT, "%.1f", value);
	}

	private static String description(String title, Iterable<String> names, String unit) {
		return title + " over the last 24 hours, in " + (unit.isEmpty() ? "counts" : unit) + ", for "
				+ String.join(", ", names) + ".";
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	static LocalDate day(Instant instant) {
		return instant.atZone(ZoneOffset.UTC).toLocalDate();
	}

}
