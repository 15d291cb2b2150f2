package dev.orfeas.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every answer of the measured phase (warm-up left out), written as the Markdown summary scripts/loadtest.sh shows:
 * intended vs achieved rate, p50/p90/p99/p99.9/max, errors by status and problem type.
 */
final class LoadSummary {

    record Answer(String request, boolean failed, int status, long millis, String problem) {
    }

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

    void add(String request, boolean failed, int status, long millis, String problem) {
        answers.add(new Answer(request, failed, status, millis, problem));
    }

    /** @param workload what was sent, e.g. "open workload at 2.00 arrivals/s (…)" */
    String markdown(String target, String workload, int seconds, int warmup) {
        Map<String, List<Answer>> byRequest = new TreeMap<>();
        for (Answer a : answers) {
            byRequest.computeIfAbsent(a.request(), k -> new ArrayList<>()).add(a);
        }
        StringBuilder md = new StringBuilder();
        md.append("# Load test summary\n\n");
        md.append(String.format(Locale.ROOT, "Target %s; %s for %d s after a %d s warm-up (left out below).%n%n",
                target, workload, seconds, warmup));
        md.append("| request | answers | achieved rate (/s) | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms "
                + "| errors |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Answer> all = new ArrayList<>(answers);
        byRequest.put("all", all);
        for (var entry : byRequest.entrySet()) {
            List<Long> ms = entry.getValue().stream().map(Answer::millis).sorted().toList();
            long errors = entry.getValue().stream().filter(Answer::failed).count();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %d | %d | %d | %d | %d | %d |%n",
                    entry.getKey(), ms.size(), ms.size() / (double) seconds, pct(ms, 50), pct(ms, 90), pct(ms, 99),
                    pct(ms, 99.9), ms.isEmpty() ? 0 : ms.getLast(), errors));
        }
        Map<String, Integer> errors = new TreeMap<>();
        for (Answer a : all) {
            if (a.failed()) {
                String problem = a.problem() != null ? a.problem() : a.status() == 200 ? "(a check failed)" : "";
                errors.merge((a.status() == 0 ? "none" : String.valueOf(a.status())) + " " + problem, 1,
                        Integer::sum);
            }
        }
        md.append("\nErrors by status and problem type: ");
        if (errors.isEmpty()) {
            md.append("none.\n");
        } else {
            md.append("\n\n| status | problem type | count |\n|---|---|---:|\n");
            errors.forEach((k, v) -> {
                int space = k.indexOf(' ');
                md.append("| ").append(k, 0, space).append(" | ").append(k.substring(space + 1).strip())
                        .append(" | ").append(v).append(" |\n");
            });
        }
        return md.toString();
    }

    void write(Path file, String markdown) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, markdown);
    }

    /** Nearest-rank percentile. */
    private static long pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
