package org.dealerpanel.web.referral;

import java.util.List;
import org.dealerpanel.referral.Tlp;
import org.dealerpanel.referral.service.ReferralView;

/** The values of the create/edit form as typed (so a refused form comes back as it was). */
public record ReferralForm(String title, String agency, String recipientKind, String tlp, String language, String summary,
                           String accountIds, String dealerId, String referredOn) {
    public static final List<String> TLPS = Tlp.LABELS;
    public static final List<org.dealerpanel.referral.RecipientKind> KINDS = List.of(org.dealerpanel.referral.RecipientKind.values());
    public static final List<String> LANGUAGES = List.of("en", "zh-CN");

    public static ReferralForm empty(String language) {
        return new ReferralForm("", "", "AGENCY", "AMBER", language, "", "", "", "");
    }

    public static ReferralForm of(ReferralView r) {
        StringBuilder ids = new StringBuilder();
        for (Long id : r.accountIds()) {
            ids.append(ids.isEmpty() ? "" : ", ").append(id);
        }
        return new ReferralForm(r.title(), r.agency(), r.recipientKind().name(), r.tlp(), r.language(), r.summary(),
                ids.toString(), r.dealerId() == null ? "" : r.dealerId().toString(),
                r.referredOn() == null ? "" : r.referredOn().toString());
    }

    public List<String> tlps() {
        return TLPS;
    }

    public List<org.dealerpanel.referral.RecipientKind> kinds() {
        return KINDS;
    }

    public List<String> languages() {
        return LANGUAGES;
    }
}
