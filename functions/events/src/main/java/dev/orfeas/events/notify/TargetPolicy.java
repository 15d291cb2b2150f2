package dev.orfeas.events.notify;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which webhook targets may be contacted: the host must be on the allow-list, and unless private addresses are
 * allowed, none of its addresses may be loopback, link-local (cloud metadata at 169.254.169.254 and fe80::/10),
 * the AWS IPv6 metadata address, wildcard or multicast. Checked before every attempt, on the addresses the name
 * resolves to then. (A name that re-resolves between this check and the connect is not covered; pin targets by
 * IP or keep DNS trusted.)
 */
public class TargetPolicy {

    private final List<String> allowedHosts;
    private final boolean allowPrivateAddresses;
    private final Resolver resolver;

    /** Name → addresses (DNS in production). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public TargetPolicy(List<String> allowedHosts, boolean allowPrivateAddresses, Resolver resolver) {
        this.allowedHosts = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.resolver = resolver;
    }

    /** Empty when the target may be contacted, else why not. */
    public Optional<String> refusal(URI target) {
        String host = target.getHost();
        if (host == null) {
            return Optional.of("target has no host");
        }
        String bare = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
        if (allowedHosts.stream().noneMatch(allowed -> matches(allowed, bare))) {
            return Optional.of("host " + bare + " is not in orfeas.events.notify.allowed-hosts");
        }
        if (allowPrivateAddresses) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return Optional.of("host " + bare + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (forbidden(address)) {
                return Optional.of("host " + bare + " resolves to " + address.getHostAddress()
                        + " (loopback/link-local/metadata; set orfeas.events.notify.allow-private-addresses)");
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String allowed, String host) {
        String a = allowed.replaceAll("^\\[|]$", "");
        return a.startsWith("*.") ? host.endsWith(a.substring(1)) : a.equals(host);
    }

    static boolean forbidden(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            // fd00:ec2::254, AWS's IPv6 instance metadata endpoint
            return address.getHostAddress().equalsIgnoreCase("fd00:ec2:0:0:0:0:0:254");
        }
        // 0.0.0.0/8 and 100.100.100.200 (Alibaba metadata)
        return (b[0] == 0) || ((b[0] & 0xFF) == 100 && (b[1] & 0xFF) == 100 && (b[2] & 0xFF) == 100
                && (b[3] & 0xFF) == 200);
    }
}
