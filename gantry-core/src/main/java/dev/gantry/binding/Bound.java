package dev.gantry.binding;

/** A bound value and where each of its parts came from. */
public record Bound<T>(T value, Positions positions) {}
