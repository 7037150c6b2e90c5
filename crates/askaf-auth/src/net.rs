//! Which address to count a request against.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// Behind a reverse proxy the socket peer is the proxy, so the client is the last
/// address the proxy appended to `X-Forwarded-For`. Every entry to its left was sent
/// by the client and may be forged, so they are never used: when the right-most
/// entry is not an address (or the header is missing), this falls back to the peer
/// rather than trusting anything further left. Only one proxy hop is supported.
///
/// With several `X-Forwarded-For` header lines, pass them joined with `,` in order
/// (as HTTP defines), or just the last line. Entries may carry a port
/// (`203.0.113.7:4711`, `[2001:db8::1]:80`), as some proxies add one.
/// IPv4-mapped IPv6 addresses (`::ffff:203.0.113.7`, what a dual-stack socket
/// reports) are returned as IPv4, so that one client has one address.
///
/// `trust_proxy` must be false when clients can reach the server directly, or anyone
/// could choose their own address.
pub fn client_ip(peer: IpAddr, forwarded_for: Option<&str>, trust_proxy: bool) -> IpAddr {
    if trust_proxy {
        if let Some(ip) = forwarded_for
            .and_then(rightmost_entry)
            .and_then(parse_entry)
        {
            return ip.to_canonical();
        }
    }
    peer.to_canonical()
}

/// Empty entries (a trailing comma) are skipped; anything else is the proxy's.
fn rightmost_entry(header: &str) -> Option<&str> {
    header.rsplit(',').map(str::trim).find(|e| !e.is_empty())
}

fn parse_entry(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|s| s.ip()))
        .or_else(|_| {
            entry
                .strip_prefix('[')
                .and_then(|e| e.strip_suffix(']'))
                .ok_or(())
                .and_then(|e| e.parse::<IpAddr>().map_err(|_| ()))
        })
        .ok()
}

/// One person usually holds a whole IPv6 /64 (and can pick any address in it), so
/// limits per IPv6 address would be limits on nothing; IPv4 addresses are counted
/// one by one, though carrier NAT can put many readers behind one.
pub fn rate_key(ip: IpAddr) -> IpAddr {
    match ip.to_canonical() {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => {
            let prefix = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(prefix))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_trust_the_header_is_ignored() {
        let peer = ip("198.51.100.1");
        assert_eq!(client_ip(peer, Some("203.0.113.7"), false), peer);
        assert_eq!(client_ip(peer, None, false), peer);
    }

    #[test]
    fn with_trust_the_rightmost_entry_wins() {
        let peer = ip("127.0.0.1");
        for (header, want) in [
            ("203.0.113.7", "203.0.113.7"),
            ("1.1.1.1, 203.0.113.7", "203.0.113.7"),
            ("1.1.1.1,203.0.113.7 , ", "203.0.113.7"),
            ("203.0.113.7:4711", "203.0.113.7"),
            ("2001:db8::1", "2001:db8::1"),
            ("[2001:db8::1]:80", "2001:db8::1"),
            ("[2001:db8::1]", "2001:db8::1"),
            ("::ffff:203.0.113.7", "203.0.113.7"),
        ] {
            assert_eq!(client_ip(peer, Some(header), true), ip(want), "{header:?}");
        }
    }

    #[test]
    fn garbage_falls_back_to_the_peer() {
        let peer = ip("10.0.0.2");
        for header in [
            "",
            " , ",
            "unknown",
            "203.0.113.7, garbage",
            "999.1.1.1",
            "203.0.113.7 198.51.100.9",
            "\u{662}\u{660}\u{663}.0.113.7",
        ] {
            assert_eq!(client_ip(peer, Some(header), true), peer, "{header:?}");
        }
        assert_eq!(client_ip(peer, None, true), peer);
    }

    #[test]
    fn mapped_peer_becomes_ipv4() {
        assert_eq!(
            client_ip(ip("::ffff:192.0.2.1"), None, false),
            ip("192.0.2.1")
        );
    }

    #[test]
    fn rate_keys() {
        assert_eq!(rate_key(ip("203.0.113.7")), ip("203.0.113.7"));
        assert_eq!(
            rate_key(ip("2001:db8:1:2:aaaa:bbbb:cccc:dddd")),
            ip("2001:db8:1:2::")
        );
        assert_eq!(
            rate_key(ip("2001:db8:1:2::1")),
            rate_key(ip("2001:db8:1:2:ffff::9"))
        );
        assert_ne!(
            rate_key(ip("2001:db8:1:2::1")),
            rate_key(ip("2001:db8:1:3::1"))
        );
        assert_eq!(rate_key(ip("::ffff:192.0.2.1")), ip("192.0.2.1"));
    }
}
