package org.dealerpanel.web.referral;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dealerpanel.common.Page;
import org.dealerpanel.referral.ReferralState;
import org.dealerpanel.referral.Tlp;
import org.dealerpanel.referral.service.ReferralView;

/** /referrals: the list, its filters (state, recipient) and paging. */
public record ReferralListView(Page<ReferralView> page, String state, String recipient, List<String> recipients,
                               int pageNumber, int size) {
    public List<ReferralState> states() {
        return List.of(ReferralState.values());
    }

    public List<ReferralView> rows() {
        return page.items();
    }

    public String tlpClass(String tlp) {
        return Tlp.cssClass(tlp);
    }

    public boolean isState(ReferralState s) {
        return s.name().equals(state);
    }

    public String at(java.time.Instant at) {
        return Format.instant(at);
    }

    public boolean hasPrevious() {
        return pageNumber > 0;
    }

    public boolean hasNext() {
        return (long) (pageNumber + 1) * size < page.total();
    }

    public String pageLink(int delta) {
        StringBuilder sb = new StringBuilder("/referrals?page=").append(pageNumber + delta);
        if (state != null) {
            sb.append("&state=").append(state);
        }
        if (recipient != null) {
            sb.append("&recipient=").append(URLEncoder.encode(recipient, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }
}
