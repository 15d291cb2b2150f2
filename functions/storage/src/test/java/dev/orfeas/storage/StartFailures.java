package dev.orfeas.storage;

/** What a start refused for its configuration says: the failure's message and each cause's, one per line. */
public final class StartFailures {

    private StartFailures() {
    }

    public static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
