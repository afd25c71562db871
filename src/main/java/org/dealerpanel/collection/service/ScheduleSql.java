package org.dealerpanel.collection.service;

/**
 * SQL shared by the due list, the coverage and the "heading for UNKNOWN" list. Every query starts with a CTE
 * {@code p} holding its parameters; these fragments refer to {@code p.zone} (the panel's time zone) and to the
 * tables' usual aliases.
 */
final class ScheduleSql {
    private ScheduleSql() {
    }

    /**
     * Per account in a cohort with a cadence: the shortest such cadence and the (first by name) cohort that sets it.
     * Reads cohort_member once (hash-joined to the accounts).
     */
    static final String COHORT_CADENCE = """
            cc as (
              select m.account_id, min(x.cadence_days) as cadence_days,
                     (array_agg(c.name order by x.cadence_days, c.name))[1] as cohort
                from cohort_member m
                join cohort_collection x on x.cohort_id = m.cohort_id
                join cohort c on c.id = m.cohort_id
               group by m.account_id)""";

    /** The effective cadence of account {@code a} (plan {@code pl}, cohort cadence {@code cc}). */
    static final String CADENCE = "coalesce(pl.cadence_days, cc.cadence_days, 1)";

    static final String CADENCE_FROM = """
            case when pl.cadence_days is not null then 'ACCOUNT' when cc.cadence_days is not null then 'COHORT'
                 else 'DEFAULT' end""";

    /**
     * The first day account {@code a} is scheduled: the earliest of its first-seen day, its first observed day
     * (state {@code st}) and the local day it was added to the panel.
     */
    static final String START_DAY = "least(a.first_seen, st.first_observed_on, (a.created_at at time zone p.zone)::date)";

    /** True when account {@code a} is closed or removed on day {@code day} (an unknown since: on every day). */
    static String goneOn(String day) {
        return "(a.platform_state in ('CLOSED_BY_OWNER', 'REMOVED_BY_PLATFORM') and (a.platform_state_since is null"
                + " or a.platform_state_since <= " + day + "))";
    }

    /** The last observed day on or before {@code day}: the state's when it is not later, else one index probe. */
    static String lastSeen(String day) {
        return "case when st.account_id is null then null when st.last_observed_on <= " + day
                + " then st.last_observed_on else (select max(o.day) from observation o where o.account_id = a.id"
                + " and o.day <= " + day + ") end";
    }

    /** The last active day on or before {@code day}: the state's when it is valid for that day, else one probe. */
    static String lastActive(String day) {
        return "case when st.account_id is null then null when st.last_observed_on <= " + day
                + " then st.last_active_on else (select max(o.day) from observation o where o.account_id = a.id"
                + " and o.day <= " + day + " and (o.posts > 0 or o.images > 0)) end";
    }
}
