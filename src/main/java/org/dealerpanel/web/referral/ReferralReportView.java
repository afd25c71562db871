package org.dealerpanel.web.referral;

import java.util.List;
import org.dealerpanel.referral.Tlp;
import org.dealerpanel.referral.service.ReferralOutcomes;

/** The outcome report page: the report and the filters it was asked with. */
public record ReferralReportView(ReferralOutcomes.Report report, String from, String to, String agency,
                                 List<String> recipients, String csvLink) {
    public String rate(Double value) {
        return Format.rate(value);
    }

    public String median(Double value) {
        return Format.rate(value);
    }

    public String tlpClass(String tlp) {
        return Tlp.cssClass(tlp);
    }
}
