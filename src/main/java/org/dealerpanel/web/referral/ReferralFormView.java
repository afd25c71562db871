package org.dealerpanel.web.referral;

import java.util.List;
import org.dealerpanel.common.FieldError;

/** /referrals/new: the form, what it was prefilled with, and the errors of a refused attempt. */
public record ReferralFormView(ReferralForm form, String prefillAccount, String prefillDealer, String error,
                               List<FieldError> errors) {
    public boolean hasErrors() {
        return error != null;
    }
}
