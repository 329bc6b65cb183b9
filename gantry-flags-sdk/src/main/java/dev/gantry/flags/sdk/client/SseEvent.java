package dev.gantry.flags.sdk.client;

/** One server-sent event: its type ({@code message} when the stream names none), its data and its last id. */
record SseEvent(String type, String data, String id) {}
