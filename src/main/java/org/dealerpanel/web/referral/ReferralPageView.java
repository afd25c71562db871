package org.dealerpanel.web.referral;

import java.util.List;
import org.dealerpanel.audit.service.AuditService.AuditView;
import org.dealerpanel.common.FieldError;
import org.dealerpanel.referral.ReferralState;
import org.dealerpanel.referral.Tlp;
import org.dealerpanel.referral.service.ReferralOutcomes;
import org.dealerpanel.referral.service.ReferralService.EvidenceRow;
import org.dealerpanel.referral.service.ReferralView;

/** What /referrals/{id} shows: the referral, its evidence in numbers, its state history, outcomes, the edit form. */
public record ReferralPageView(ReferralView referral, List<EvidenceRow> evidence, List<AuditView> history,
                               ReferralOutcomes.ReferralOutcome outcome, int windowDays, java.time.LocalDate asOf,
                               ReferralForm form, String notice, String error, List<FieldError> errors) {

    public String tlpClass() {
        return Tlp.cssClass(referral.tlp());
    }

    public boolean draft() {
        return referral.state() == ReferralState.DRAFT;
    }

    public boolean canAcknowledge() {
        return referral.state() == ReferralState.SUBMITTED;
    }

    public boolean canClose() {
        return referral.state() == ReferralState.SUBMITTED || referral.state() == ReferralState.ACKNOWLEDGED;
    }

    public String at(java.time.Instant at) {
        return Format.instant(at);
    }

    public String rate(Double value) {
        return Format.rate(value);
    }

    public String median() {
        return outcome == null || outcome.medianDaysToCease() == null ? "–" : Format.rate(outcome.medianDaysToCease());
    }

    public String detail(AuditView a) {
        return Format.detail(a);
    }
}
