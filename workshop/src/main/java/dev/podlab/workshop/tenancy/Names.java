package dev.podlab.workshop.tenancy;

import java.util.Map;

/**
 * How the workshop names and labels what it makes: the one place a later board or lab check
 * finds attendees and their results.
 * <ul>
 * <li>every object: {@value #PART_OF}={@value #WORKSHOP};
 * <li>an attendee's objects, wherever they live: {@value #ATTENDEE}=NAME;
 * <li>a lab check's result: ConfigMap {@code lab-result-N} in the attendee's namespace, labelled
 * {@value #LAB}=N, with data {@code passed}, {@code total} and {@code since} (RFC 3339).
 * </ul>
 */
public final class Names {
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String WORKSHOP = "podlab-workshop";
    public static final String ATTENDEE = "podlab.dev/attendee";
    public static final String ROLE = "podlab.dev/workshop-role";
    public static final String LAB = "podlab.dev/lab";
    /** Annotation on the attendee's ServiceAccount: when the kubeconfig's token expires (RFC 3339). */
    public static final String TOKEN_EXPIRES = "podlab.dev/token-expires";
    /** The instructor's namespace: the one other namespace whose pods reach attendees' pods. */
    public static final String INSTRUCTOR_NAMESPACE = "podlab-workshop";
    public static final String SERVICE_ACCOUNT = "attendee";
    public static final String FIELD_MANAGER = "podlab-workshop";
    public static final int LABS = 9;

    private Names() {
    }

    public static String namespace(String attendee) {
        return "ws-" + attendee;
    }

    public static String labResult(int lab) {
        return "lab-result-" + lab;
    }

    public static Map<String, String> workshop() {
        return Map.of(PART_OF, WORKSHOP);
    }

    public static Map<String, String> attendee(String name) {
        return Map.of(PART_OF, WORKSHOP, ATTENDEE, name);
    }

    /** Selects everything of the workshop's made for an attendee. */
    public static String attendeeSelector() {
        return PART_OF + "=" + WORKSHOP + "," + ATTENDEE;
    }
}
