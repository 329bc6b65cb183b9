package dev.gantry.server.api;

/**
 * Approves the release of a commit as one role; the approver is the person of the token that sends it.
 *
 * @param ref the commit approved: a full hash as a checkout has it, or a branch or tag of the server's clone
 * @param component the plan's component, when it has several; null otherwise
 * @param comment a note kept with the approval; null for none
 */
public record ApprovalRequest(String ref, String role, String comment, String component) {}
