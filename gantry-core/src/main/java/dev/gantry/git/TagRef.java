package dev.gantry.git;

/** A tag and the commit it points at (annotated tags peeled). */
public record TagRef(String name, String commit) {}
