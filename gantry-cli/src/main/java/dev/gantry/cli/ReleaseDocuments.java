package dev.gantry.cli;

import dev.gantry.coordinate.ChecklistService;
import dev.gantry.documents.Checklist;
import dev.gantry.documents.PlannedRelease;
import dev.gantry.documents.Scheduling;
import dev.gantry.plan.Plan;
import dev.gantry.release.Candidate;
import dev.gantry.store.Approval;
import dev.gantry.store.ReleaseLog;
import dev.gantry.store.Store;
import dev.gantry.store.StoreException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/** What the plan and checklist commands share: the planned release and the checklist with its live state. */
final class ReleaseDocuments {

    private ReleaseDocuments() {}

    /** The release placed on its date (moved out of freezes), with the approvals of its exact commit. */
    static PlannedRelease planned(Plan plan, Candidate candidate, LocalDate date, ReleaseLog log)
            throws StoreException {
        List<Approval> approvals = log.approvals(candidate.version().toString()).stream()
                .filter(a -> a.commit().equals(candidate.commit()))
                .toList();
        PlannedRelease.Schedule schedule = Scheduling.place(date, plan.windows(), Scheduling.zone(plan));
        return PlannedRelease.of(candidate.version(), candidate.type(), schedule, candidate.changes(), plan, approvals);
    }

    /** The environment a checklist is for when none is named: production, else the last environment. */
    static String defaultEnvironment(Plan plan) {
        return ChecklistService.defaultEnvironment(plan);
    }

    /** The checklist with its live state, as {@link ChecklistService#checklist} reads it. */
    static Checklist checklist(Plan plan, String environment, String version, String commit, Store store)
            throws StoreException, IOException {
        return new ChecklistService(store).checklist(plan, environment, version, commit);
    }
}
