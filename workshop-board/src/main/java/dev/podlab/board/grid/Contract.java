package dev.podlab.board.grid;

/**
 * How the workshop marks attendees and lab results: the contract of workshop/'s
 * tenancy/Names.java, which makes them (this image does not carry the workshop tool). WorkshopIT's
 * board test proves the two agree: a result written as Names says shows on the deployed board.
 */
public final class Contract {
    /** On an attendee's namespace: the attendee's name. */
    public static final String ATTENDEE = "podlab.dev/attendee";
    /** On a lab check's result, ConfigMap lab-result-N in the attendee's namespace: N. */
    public static final String LAB = "podlab.dev/lab";
    /** The result's data: steps passed, steps in the lab, and since when (RFC 3339) it has this passed count. */
    public static final String PASSED = "passed";
    public static final String TOTAL = "total";
    public static final String SINCE = "since";

    private Contract() {
    }
}
