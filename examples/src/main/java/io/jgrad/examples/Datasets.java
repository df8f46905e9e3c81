package io.jgrad.examples;

import io.jgrad.nn.Csv;
import io.jgrad.nn.Dataset;
import io.jgrad.nn.Standardizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/**
 * The data sets bundled with the examples (in the resources' {@code data/}, with their sources and
 * licence in {@code data/README.md}), read from the classpath into {@link Dataset}s, so they work
 * from the jar as well as from the build folders.
 */
public final class Datasets {
    private Datasets() {
    }

    /** 1,797 handwritten digits, 8 × 8 pixels with values 0..16, classes 0..9. */
    public static Dataset digits() {
        return load("data/digits.csv.gz");
    }

    /** 569 breast-cancer cell nuclei, 30 measurements, class 0 = malignant, 1 = benign. */
    public static Dataset breastCancer() {
        return load("data/breast_cancer.csv");
    }

    /** 150 iris flowers, 4 measurements, 3 species. */
    public static Dataset iris() {
        return load("data/iris.csv");
    }

    /**
     * Both parts standardised with the training part's per-feature mean and standard deviation, so
     * nothing about the test part leaks into training.
     */
    public static Dataset.Split standardised(Dataset.Split split) {
        Standardizer s = Standardizer.fit(split.train().features());
        return new Dataset.Split(s.transform(split.train()), s.transform(split.test()));
    }

    /** A labelled CSV resource in the format of {@link Csv#readDataset}. */
    static Dataset load(String resource) {
        URL url = Datasets.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("Datasets: resource " + resource + " is not on the classpath;"
                    + " rebuild the examples (mvn -B package -pl examples -am)");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return Csv.readDataset(Path.of(uri));
            }
            // Inside the jar the resource is a path of the jar's zip file system.
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return Csv.readDataset(jar.provider().getPath(uri));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Datasets: cannot read " + resource, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Datasets: bad resource address " + url, e);
        }
    }
}
