package dev.orfeas.storage.bench;

import dev.orfeas.storage.S3Clients;
import dev.orfeas.storage.StorageProperties;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/**
 * Which HTTP client the S3 SDK should use (not a test; scripts/bench-s3-client.sh runs it, one fresh JVM per run):
 * JVM start → client built → first object stored (what a cold start pays), then the median of COUNT round trips
 * (put + get of a SIZE-byte object, what each generation pays). Usage: S3ClientBench CLIENT ENDPOINT ACCESS SECRET
 * BUCKET COUNT SIZE, CLIENT one of apache, apache5, url-connection.
 */
public final class S3ClientBench {

    public static void main(String[] args) {
        String kind = args[0];
        var properties = new StorageProperties(URI.create(args[1]), "us-east-1", args[2], args[3], true, false,
                "when-required", Duration.ofHours(1), DataSize.ofMegabytes(16), DataSize.ofMegabytes(8),
                new StorageProperties.Buckets("uploads", "meshes", "backups", "failed"));
        String bucket = args[4];
        int count = Integer.parseInt(args[5]);
        byte[] body = new byte[Integer.parseInt(args[6])];
        new Random(7).nextBytes(body);

        long built;
        long firstStored;
        double[] roundTrips = new double[count];
        try (S3Client s3 = S3Clients.client(properties, http(kind))) {
            built = sinceJvmStart();
            s3.putObject(b -> b.bucket(bucket).key("bench/first-" + kind), RequestBody.fromBytes(body));
            firstStored = sinceJvmStart();
            for (int i = 0; i < count; i++) {
                String key = "bench/" + kind + "-" + i;
                long start = System.nanoTime();
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
                byte[] back = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
                roundTrips[i] = (System.nanoTime() - start) / 1e6;
                if (back.length != body.length) {
                    throw new IllegalStateException("read back " + back.length + " of " + body.length + " bytes");
                }
            }
        }
        Arrays.sort(roundTrips);
        System.out.printf("%s built_ms=%d first_put_ms=%d round_trip_median_ms=%.2f%n",
                kind, built, firstStored, roundTrips[count / 2]);
    }

    private static SdkHttpClient.Builder<?> http(String kind) {
        return switch (kind) {
            case "apache" -> ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(60)).maxConnections(64);
            case "apache5" -> Apache5HttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(60)).maxConnections(64);
            case "url-connection" -> UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(60));
            default -> throw new IllegalArgumentException("unknown client " + kind);
        };
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}
