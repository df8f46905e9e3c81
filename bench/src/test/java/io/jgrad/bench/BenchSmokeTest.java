package io.jgrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the whole benchmark in quick mode: the JSON parses and has every key (no timing asserts). */
class BenchSmokeTest {

    @Test
    void quickJsonHasEveryKey() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Map<String, Object> results = Bench.run(Options.parse("--quick", "--json"), new PrintStream(log, true, StandardCharsets.UTF_8));
        JsonNode json = new ObjectMapper().readTree(Json.write(results));

        for (String model : List.of("tiny", "small", "mnist", "wide")) {
            for (String opt : List.of("sgd", "adam")) {
                JsonNode row = json.at("/mlp/" + model + "~1" + opt);
                assertTrue(row.get("ms_per_step").asDouble() > 0, model + "/" + opt + ": " + row);
                assertTrue(Double.isFinite(row.get("final_loss").asDouble()), model + "/" + opt + ": " + row);
            }
        }
        for (String n : List.of("128", "256")) {
            assertTrue(json.at("/matmul/" + n + "/gflops").asDouble() > 0, json.get("matmul").toString());
        }
        assertTrue(json.at("/overhead/us_per_op").asDouble() > 0);
        assertEquals(1_000_000, json.at("/adam/params").asInt());
        assertTrue(json.at("/adam/bytes_per_step").isNumber());
        assertTrue(json.at("/adam/ns_per_param").asDouble() > 0);
        assertTrue(json.at("/memory/peak_rss_mb").asDouble() > 10, json.get("memory").toString());
        assertTrue(json.at("/memory/peak_rss_mb_small_heap").asDouble() > 10, json.get("memory").toString());
        assertTrue(json.at("/machine/cores").asInt() >= 1);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("bench: matmul"));
    }

    @Test
    void forkedRunMergesTheChildrensResults() {
        Map<String, Object> results = Bench.run(Options.parse("--quick", "--fork", "--only=matmul,overhead", "--sizes=32,48"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        Map<String, Object> matmul = (Map<String, Object>) results.get("matmul");
        assertEquals(List.of("32", "48"), List.copyOf(matmul.keySet()));
        assertTrue(results.containsKey("overhead"), results.toString());
    }

    @Test
    void tableNamesEverySection() {
        Map<String, Object> results = Bench.run(Options.parse("--quick", "--only=matmul,overhead", "--sizes=64"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String table = Report.table(results);
        assertTrue(table.contains("n = 64"), table);
        assertTrue(table.contains("µs per op"), table);
    }

    @Test
    void optionsRejectUnknownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Options.parse("--models=huge"));
        assertTrue(e.getMessage().contains("'huge'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Options.parse("--fast"));
        assertTrue(e.getMessage().contains("--fast"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Options.parse("--sizes=12,x"));
        assertTrue(e.getMessage().contains("integers"), e.getMessage());
    }
}
