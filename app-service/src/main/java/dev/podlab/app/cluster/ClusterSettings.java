package dev.podlab.app.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The cluster view's settings, read once (podlab.cluster.*, set in application.properties). */
@ConfigMapping(prefix = "podlab.cluster")
public interface ClusterSettings {

    /** auto: watch when in a cluster; false: never. */
    String enabled();

    /** The app's Service, whose EndpointSlices the view shows. */
    String service();

    /** The label selector of the app's pods. */
    String selector();

    /** The port the other pods of the app serve on, for the dashboard's chaos proxy. */
    @WithDefault("8080")
    int podPort();
}
