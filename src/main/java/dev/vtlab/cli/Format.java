package dev.vtlab.cli;

/** How a lesson writes its result ({@code --format}). */
enum Format {
    /** For people: the story, tables and bars. */
    TEXT("text"),
    /** For scripts: one JSON document on stdout, nothing else there. */
    JSON("json"),
    /** For a class: one self-contained HTML page on stdout, with the pictures; it loads nothing. */
    HTML("html");

    private final String cliName;

    Format(String cliName) {
        this.cliName = cliName;
    }

    String cliName() {
        return cliName;
    }
}
