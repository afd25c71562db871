package org.dealerpanel.web.ops;

import io.quarkus.qute.i18n.Localized;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.dealerpanel.web.WebContext;
import org.dealerpanel.web.i18n.OpsMessages;

/** The ops bundle in the request's language, for the few messages a page resource writes itself. */
@ApplicationScoped
public class OpsText {
    @Inject
    OpsMessages en;
    @Inject
    @Localized("zh-CN")
    OpsMessages zh;

    public OpsMessages of(WebContext ctx) {
        return ctx.isChinese() ? zh : en;
    }
}
