package dev.podlab.app.chaos;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks the endpoints the chaos switches act on (latency, errors, hang): {@link FaultInjection}
 * runs in front of them, as podinfo's middleware does, so the endpoints themselves know nothing of chaos.
 */
@NameBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface FaultTarget {
}
