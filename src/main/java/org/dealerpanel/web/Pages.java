package org.dealerpanel.web;

import io.quarkus.qute.TemplateInstance;

/** Renders a page template in the request's language. */
public final class Pages {
    private Pages() {
    }

    public static TemplateInstance render(TemplateInstance page, WebContext ctx) {
        return page.setLocale(ctx.locale());
    }
}
