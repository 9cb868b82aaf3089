package dev.podlab.app.info;

/** Tells a browser's page request from an API client's by its Accept header. */
final class Browsers {
    private Browsers() {
    }

    /**
     * True when the client names text/html and ranks it at least as high as JSON: browsers send
     * {@code text/html,application/xhtml+xml,...,*&#47;*;q=0.8}; curl sends {@code *&#47;*}, REST clients JSON.
     */
    static boolean wantsHtml(String accept) {
        if (accept == null) {
            return false;
        }
        double html = -1;
        double json = -1;
        for (String part : accept.split(",")) {
            String[] params = part.trim().split(";");
            String type = params[0].trim().toLowerCase(java.util.Locale.ROOT);
            double q = 1;
            for (int i = 1; i < params.length; i++) {
                String p = params[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
                html = Math.max(html, q);
            } else if (type.equals("application/json")) {
                json = Math.max(json, q);
            }
        }
        return html > 0 && html >= json;
    }
}
