package org.millgate.erpsim.odata;

import java.util.Map;

/**
 * Entity tags as SAP Gateway forms them from an entity's last-change field: weak, with
 * the value quoted, e.g. {@code W/"'20260303140217'"}. Entities without such a field get
 * a tag from their content.
 */
public final class Etags {

	private Etags() {
	}

	/**
	 * The entity tag of a row.
	 * @param row the entity's row
	 * @return the tag
	 */
	public static String of(Map<String, Object> row) {
		Object changed = row.get("LastChangeDateTime");
		if (changed == null) {
			changed = row.get("LastChangeDate");
		}
		String value = (changed != null) ? changed.toString().replaceAll("[^0-9]", "")
				: Integer.toHexString(row.hashCode());
		return "W/\"'" + value + "'\"";
	}

}
