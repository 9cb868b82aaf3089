package dev.podlab.app.chaos;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * The one holder of the chaos switches ({@link ChaosSwitch}): all off at start and after reset. Its
 * state is what every chaos call answers: each switch under its key (a flag as true or false), and
 * whether a hang is on.
 */
@Singleton
public class ChaosSwitches {

    /** The state's name in the OpenAPI document ({@link ChaosActionsInOpenApi} writes its schema). */
    public static final String STATE_SCHEMA = "ChaosState";
    static final String HANGING = "hanging";
    private static final Logger LOG = Logger.getLogger(ChaosSwitches.class);

    private final AtomicIntegerArray values = new AtomicIntegerArray(ChaosSwitch.values().length);

    @Inject
    Hang hang;

    public int value(ChaosSwitch which) {
        return values.get(which.ordinal());
    }

    public boolean on(ChaosSwitch which) {
        return value(which) > 0;
    }

    void set(ChaosSwitch which, int value) {
        values.set(which.ordinal(), value);
        LOG.infof("chaos: %s set to %s", which.key(), shown(which, value));
    }

    void reset() {
        for (ChaosSwitch which : ChaosSwitch.values()) {
            values.set(which.ordinal(), 0);
        }
        hang.release();
        LOG.info("chaos: reset, all switches off");
    }

    Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        for (ChaosSwitch which : ChaosSwitch.values()) {
            state.put(which.key(), shown(which, value(which)));
        }
        state.put(HANGING, hang.active());
        return state;
    }

    private static Object shown(ChaosSwitch which, int value) {
        return which.flag() ? (Object) (value > 0) : (Object) value;
    }
}
