package org.dealerpanel.web.collection;

import io.quarkus.qute.i18n.Localized;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.dealerpanel.web.WebContext;
import org.dealerpanel.web.i18n.CollectionMessages;

/** The schedule's messages in the request's language, for texts made in Java (errors, chart labels). */
@RequestScoped
public class ColText {
    @Inject
    WebContext ctx;
    @Inject
    CollectionMessages en;
    @Inject
    @Localized("zh-CN")
    CollectionMessages zh;

    public CollectionMessages get() {
        return ctx.isChinese() ? zh : en;
    }
}
