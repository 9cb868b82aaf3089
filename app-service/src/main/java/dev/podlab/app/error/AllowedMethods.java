package dev.podlab.app.error;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.quarkus.arc.Arc;
import jakarta.enterprise.inject.Any;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

/**
 * The methods each REST path answers, read from the resources' own annotations, for the Allow
 * header a 405 must carry (RFC 9110); REST's NotAllowedException comes without one.
 */
final class AllowedMethods {

    private record Route(Pattern path, String method) {
    }

    private static final Pattern PARAM = Pattern.compile("\\{\\s*\\w[\\w.-]*\\s*(?::\\s*((?:[^{}]|\\{[^{}]*})+))?}");
    private static volatile List<Route> routes;

    private AllowedMethods() {
    }

    /** The Allow header for a REST path, or null when no REST resource serves it. */
    static String forPath(String path) {
        Set<String> methods = new TreeSet<>();
        for (Route route : routes()) {
            if (route.path().matcher(path).matches()) {
                methods.add(route.method());
            }
        }
        if (methods.isEmpty()) {
            return null;
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return String.join(", ", methods);
    }

    private static List<Route> routes() {
        if (routes == null) {
            List<Route> found = new ArrayList<>();
            for (var bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
                Path base = bean.getBeanClass().getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method m : bean.getBeanClass().getMethods()) {
                    String verb = verb(m);
                    if (verb != null) {
                        Path sub = m.getAnnotation(Path.class);
                        found.add(new Route(regex(base.value() + "/" + (sub == null ? "" : sub.value())), verb));
                    }
                }
            }
            routes = found;
        }
        return routes;
    }

    private static String verb(Method m) {
        for (var annotation : m.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** "/admin/{probe}/{action}" to a regex; a template's own regex ({action: .+}) is kept. */
    private static Pattern regex(String template) {
        String path = ("/" + template).replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        StringBuilder regex = new StringBuilder();
        Matcher m = PARAM.matcher(path);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(last, m.start())))
                    .append('(').append(m.group(1) == null ? "[^/]+" : m.group(1).trim()).append(')');
            last = m.end();
        }
        regex.append(Pattern.quote(path.substring(last))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
