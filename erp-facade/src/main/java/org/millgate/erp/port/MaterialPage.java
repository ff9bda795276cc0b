package org.millgate.erp.port;

import java.time.LocalDate;
import java.util.List;

import org.millgate.erp.model.MaterialMaster;

/**
 * One page of materials, and where the next begins. The ERP cannot filter materials by
 * plant, so a page may hold fewer items than asked while more follow: the position is
 * that of the last material read, returned or not.
 *
 * @param items the materials, in order
 * @param nextChange the last change day of the position to continue after, or null when
 * the list ends here
 * @param nextAfter the material of that position, or null when the list ends here
 */
public record MaterialPage(List<MaterialMaster> items, LocalDate nextChange, String nextAfter) {

	public MaterialPage {
		items = List.copyOf(items);
	}

	/**
	 * Whether more materials may follow.
	 * @return true when they may
	 */
	public boolean more() {
		return this.nextAfter != null;
	}

}
