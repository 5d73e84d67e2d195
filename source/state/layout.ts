/**
 * Screen geometry shared by the reducer (page jumps, scrolling) and the components, so a
 * page down moves exactly one visible page. Browse: header, timeline, column heads, the
 * list, the status line and the footer hint line.
 */
export const CHROME_ROWS = 5;

export function listHeight(height: number): number {
	return Math.max(1, height - CHROME_ROWS);
}

/** The counts panel sits to the right of the list when there is room for both. */
export function countsWidth(width: number): number {
	if (width < 64) return 0;
	if (width >= 140) return 46;
	return 22;
}

/** Lines of the detail view's body (header, footer and a title line around it). */
export function detailHeight(height: number): number {
	return Math.max(1, height - 4);
}
