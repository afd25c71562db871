package org.dealerpanel.web.account;

import io.quarkus.qute.i18n.Localized;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.dealerpanel.web.WebContext;
import org.dealerpanel.web.i18n.AccountMessages;
import org.dealerpanel.web.i18n.AppMessages;

/** The message bundles in the request's language, for texts made in Java (chart labels, form errors). */
@RequestScoped
public class PageMessages {
    @Inject
    WebContext ctx;
    @Inject
    AccountMessages acctEn;
    @Inject
    @Localized("zh-CN")
    AccountMessages acctZh;
    @Inject
    AppMessages msgEn;
    @Inject
    @Localized("zh-CN")
    AppMessages msgZh;

    public AccountMessages acct() {
        return ctx.isChinese() ? acctZh : acctEn;
    }

    public AppMessages msg() {
        return ctx.isChinese() ? msgZh : msgEn;
    }
}
