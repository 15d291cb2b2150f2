package dev.orfeas.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a compose project left in the Docker engine, found by compose's project label, and its removal. */
final class Docker {

    private Docker() {
    }

    /** "container ID", "network NAME", "volume NAME" for everything labelled with the project. */
    static List<String> projectResources(String project) throws IOException, InterruptedException {
        String filter = "label=com.docker.compose.project=" + project;
        List<String> found = new ArrayList<>();
        run("docker", "ps", "-aq", "--filter", filter).lines().forEach(id -> found.add("container " + id));
        run("docker", "network", "ls", "-q", "--filter", filter).lines().forEach(id -> found.add("network " + id));
        run("docker", "volume", "ls", "-q", "--filter", filter).lines().forEach(id -> found.add("volume " + id));
        return found;
    }

    /** Force-removes the project's containers, then its networks and volumes (an aborted run's leftovers). */
    static void removeProject(String project) throws IOException, InterruptedException {
        for (String resource : projectResources(project)) {
            String[] kindAndId = resource.split(" ", 2);
            if (kindAndId[0].equals("container")) {
                run("docker", "rm", "-f", "-v", kindAndId[1]);
            }
        }
        for (String resource : projectResources(project)) {
            String[] kindAndId = resource.split(" ", 2);
            if (kindAndId[0].equals("network")) {
                run("docker", "network", "rm", kindAndId[1]);
            } else if (kindAndId[0].equals("volume")) {
                run("docker", "volume", "rm", "-f", kindAndId[1]);
            }
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out.strip();
    }
}
