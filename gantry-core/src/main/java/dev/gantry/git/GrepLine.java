package dev.gantry.git;

/** A line of the work tree that matched a search: its file, its 1-based number and its text. */
public record GrepLine(String path, int line, String text) {}
