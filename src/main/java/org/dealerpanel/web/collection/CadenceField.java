package org.dealerpanel.web.collection;

import java.util.List;
import org.dealerpanel.collection.service.PlanService;
import org.dealerpanel.web.i18n.CollectionMessages;

/** The cadence field of the collection forms (account and cohort): blank means "no own cadence". */
final class CadenceField {
    private CadenceField() {
    }

    /** The cadence in days, or null when blank or not a number (then an error in the user's language is added). */
    static Integer parse(String cadenceDays, CollectionMessages m, List<String> errors) {
        if (cadenceDays == null || cadenceDays.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(cadenceDays.strip());
        } catch (NumberFormatException e) {
            errors.add(m.err_cadence(PlanService.MIN_CADENCE, PlanService.MAX_CADENCE));
            return null;
        }
    }
}
