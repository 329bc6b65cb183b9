package dev.gantry.flags.sdk.state;

/** Data a variant carries to the application: its type ({@code string}, {@code json}, {@code csv}, {@code number}) and its text. */
public record Payload(String type, String value) {}
