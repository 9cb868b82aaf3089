package dev.podlab.e2e.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The podlab checkout the tests run from (-Dpodlab.repo.root, set by the pom) and its files. */
public final class Repo {
    private Repo() {
    }

    public static Path path(String relative) {
        return Path.of(System.getProperty("podlab.repo.root", ".."), relative);
    }

    /** A file of KEY=VALUE lines (an env file, images.properties) read as properties; {@code origin} says where it comes from. */
    public static Properties properties(String relative, String origin) {
        Path file = path(relative);
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ", " + origin, e);
        }
        return properties;
    }
}
