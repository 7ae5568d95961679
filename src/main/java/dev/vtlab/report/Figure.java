package dev.vtlab.report;

/**
 * A picture ready for the page: its caption, its SVG, and its figures as a table, the picture's text alternative
 * (the page puts it in a {@code <details>} under the picture).
 */
record Figure(String caption, String svg, Block.Table figures) {
}
