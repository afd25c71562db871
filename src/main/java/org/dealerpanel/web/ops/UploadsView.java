package org.dealerpanel.web.ops;

import java.util.List;

/**
 * The uploads page's forms: the platforms to choose from and the image form's account fields as last typed (or
 * from {@code ?account=ID}), so a refused batch does not make the user type them again.
 */
public record UploadsView(List<String> platforms, ImageForm imageForm, String csvSource) {

    /** The image form's account choice: platform + handle, or an account id; and an optional day posted. */
    public record ImageForm(String platform, String handle, String accountId, String postedOn) {
        public static final ImageForm EMPTY = new ImageForm("", "", "", "");

        public boolean isPlatform(String p) {
            return p.equals(platform);
        }
    }
}
