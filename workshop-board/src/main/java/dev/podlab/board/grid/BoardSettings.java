package dev.podlab.board.grid;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The board's settings (board.*; env BOARD_STUCK_AFTER, BOARD_LABS). */
@ConfigMapping(prefix = "board")
public interface BoardSettings {
    /** An attendee on the same unfinished lab for longer than this is stuck. */
    @WithDefault("15m")
    Duration stuckAfter();

    /** The labs a class works through: the grid's columns. */
    @WithDefault("9")
    int labs();
}
