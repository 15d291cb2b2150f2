package dev.orfeas.cloudevents;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the last N events delivered (an LRU set), so an event redelivered (after a partial failure or a lost
 * reply) is not acted on twice: the adapter emits nothing twice, notify sends nothing twice. In memory, per
 * instance: across restarts and replicas the stable event id still lets consumers deduplicate.
 */
public class DeliveredIds {

    private final int capacity;
    private final Map<String, Boolean> ids;

    public DeliveredIds(int capacity) {
        this.capacity = capacity;
        this.ids = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > DeliveredIds.this.capacity;
            }
        };
    }

    public synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }

    public synchronized void add(String id) {
        if (capacity > 0) {
            ids.put(id, Boolean.TRUE);
        }
    }
}
