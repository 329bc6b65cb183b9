package dev.gantry.flags.sdk.client;

/** Documents in the shapes Unleash's client API sends, copied from its answers. */
public final class Documents {

    private Documents() {}

    /** A {@code GET /api/client/features} answer with these flags, as Unleash 6/7 writes it. */
    public static String features(String... flags) {
        return "{\"version\":2,\"features\":[" + String.join(",", flags) + "],\"segments\":[],"
                + "\"query\":{\"environment\":\"production\",\"inlineSegmentConstraints\":false}}";
    }

    /** A flag on for everyone (a 100% flexible rollout) or off. */
    public static String flag(String name, boolean enabled) {
        return "{\"name\":\"" + name + "\",\"type\":\"release\",\"enabled\":" + enabled + ",\"project\":\"default\","
                + "\"stale\":false,\"strategies\":[{\"name\":\"flexibleRollout\",\"constraints\":[],"
                + "\"parameters\":{\"groupId\":\"" + name + "\",\"rollout\":\"100\",\"stickiness\":\"default\"},"
                + "\"variants\":[]}],\"variants\":[],\"impressionData\":false,\"dependencies\":[]}";
    }

    /** A flag on for everyone whose one variant carries this payload. */
    public static String flagWithPayload(String name, String variant, String payloadType, String payloadValue) {
        return "{\"name\":\"" + name + "\",\"type\":\"experiment\",\"enabled\":true,\"project\":\"default\","
                + "\"stale\":false,\"strategies\":[{\"name\":\"flexibleRollout\",\"constraints\":[],"
                + "\"parameters\":{\"groupId\":\"" + name + "\",\"rollout\":\"100\",\"stickiness\":\"default\"},"
                + "\"variants\":[]}],\"variants\":[{\"name\":\"" + variant + "\",\"weight\":1000,"
                + "\"weightType\":\"variable\",\"stickiness\":\"default\",\"payload\":{\"type\":\"" + payloadType
                + "\",\"value\":" + quote(payloadValue) + "},\"overrides\":[]}],"
                + "\"impressionData\":false,\"dependencies\":[]}";
    }

    /** An {@code unleash-updated} event's data: one flag updated. */
    public static String featureUpdated(int eventId, String flag) {
        return "{\"events\":[{\"eventId\":" + eventId + ",\"type\":\"feature-updated\",\"feature\":" + flag + "}]}";
    }

    /** An {@code unleash-updated} event's data: one flag removed. */
    public static String featureRemoved(int eventId, String name) {
        return "{\"events\":[{\"eventId\":" + eventId + ",\"type\":\"feature-removed\",\"featureName\":\"" + name
                + "\",\"project\":\"default\"}]}";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
