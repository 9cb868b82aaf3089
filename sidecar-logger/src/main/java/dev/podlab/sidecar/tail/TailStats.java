package dev.podlab.sidecar.tail;

/**
 * A consistent snapshot of the tailer's counters, published once per read batch.
 *
 * @param linesShipped  lines (or chunks of over-long lines) written to the sink
 * @param bytesShipped  bytes of line content shipped, without tags and newlines
 * @param filesFollowed files opened for tailing, the first one included
 * @param currentFile   name of the file being read, as it was named when opened ("" before the first)
 * @param lastOffset    offset in that file just after the last shipped byte
 * @param rotations     times the followed file was replaced by another (renamed away or deleted)
 * @param truncations   times the followed file shrank below the read offset (copytruncate)
 */
public record TailStats(long linesShipped, long bytesShipped, long filesFollowed, String currentFile,
                        long lastOffset, long rotations, long truncations) {
}
