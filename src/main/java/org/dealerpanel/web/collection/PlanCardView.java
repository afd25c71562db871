package org.dealerpanel.web.collection;

import java.time.LocalDate;
import java.util.List;
import org.dealerpanel.common.PanelClock;
import org.dealerpanel.collection.service.PlanService.AccountPlan;

/** The account page's schedule card: the plan, the form's values (as typed when refused) and its errors. */
public record PlanCardView(AccountPlan plan, String handle, List<String> users, String cadence, String assignee,
                           List<String> errors, String notice) {
    /** The panel's today (the next due day is said against it). */
    public LocalDate today() {
        return PanelClock.today();
    }

    public boolean isAssignee(String user) {
        return user.equals(assignee);
    }

    /** The current assignee when the form cannot offer it (disabled, or no longer an investigator). */
    public boolean assigneeMissing() {
        return !assignee.isEmpty() && !users.contains(assignee);
    }
}
