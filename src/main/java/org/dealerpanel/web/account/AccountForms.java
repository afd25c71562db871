package org.dealerpanel.web.account;

import java.util.ArrayList;
import java.util.List;

/**
 * The values and errors of the account page's forms: what the investigator typed is shown again next to the
 * errors when a form is refused, otherwise the current values.
 */
public class AccountForms {
    public String obsDate;
    public String obsPosts = "";
    public String obsImages = "";
    public String displayName;
    public String notes;
    public String state;
    public String since;
    public String windowFrom;
    public String windowTo;
    public final List<FormError> obsErrors = new ArrayList<>();
    public final List<FormError> detailsErrors = new ArrayList<>();
    public final List<FormError> stateErrors = new ArrayList<>();
    public final List<FormError> windowErrors = new ArrayList<>();

}
