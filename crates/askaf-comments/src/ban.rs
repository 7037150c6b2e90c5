//! Bans: an email address, or a network of IP addresses.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use ipnet::{IpNet, Ipv4Net};

use crate::{Email, Problem};

/// Who a ban keeps out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BanTarget {
    Email(Email),
    /// Always in truncated form: `203.0.113.7/24` is stored as `203.0.113.0/24`.
    /// IPv4-mapped IPv6 networks are stored as the IPv4 networks they are.
    Network(IpNet),
}

/// Why a typed ban is none, by what it looked like: an email address (it
/// has an `@`), a network (a `/`), else an address. `typed` is the text
/// without surrounding whitespace.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BanError {
    #[error("a ban needs an email address, an IP address or a network such as 203.0.113.0/24")]
    Empty,
    #[error("`{typed}` {problem}")]
    Email { typed: String, problem: Problem },
    #[error(
        "`{typed}` is not a network: write an address, a slash and a prefix length, such as 203.0.113.0/24 or 2001:db8::/32"
    )]
    Network { typed: String },
    #[error(
        "`{typed}` is neither an email address nor an IP address or network (such as 203.0.113.7, 203.0.113.0/24 or 2001:db8::/32)"
    )]
    Neither { typed: String },
}

impl BanTarget {
    /// Reads what a moderator typed: `someone@example.org`, `203.0.113.0/24`,
    /// `2001:db8::/32`, or a single address (`203.0.113.7`, banned as `/32`; an
    /// IPv6 address as `/128`). The error says what was expected.
    pub fn parse(s: &str) -> Result<BanTarget, BanError> {
        let s = s.trim();
        let typed = || s.to_string();
        if s.is_empty() {
            return Err(BanError::Empty);
        }
        if s.contains('@') {
            return Email::parse(s)
                .map(BanTarget::Email)
                .map_err(|problem| BanError::Email {
                    typed: typed(),
                    problem,
                });
        }
        let net = if s.contains('/') {
            IpNet::from_str(s).map_err(|_| BanError::Network { typed: typed() })?
        } else {
            IpAddr::from_str(s)
                .map(IpNet::from)
                .map_err(|_| BanError::Neither { typed: typed() })?
        };
        Ok(BanTarget::Network(canonical(net.trunc())))
    }

    /// Whether a comment from this email and IP address falls under the ban.
    /// An IPv4 address seen as IPv6 (`::ffff:203.0.113.7`, as a dual-stack socket
    /// reports it) is judged as the IPv4 address it is.
    pub fn matches(&self, email: Option<&Email>, ip: Option<IpAddr>) -> bool {
        match self {
            BanTarget::Email(banned) => email == Some(banned),
            BanTarget::Network(net) => ip.is_some_and(|ip| net.contains(&ip.to_canonical())),
        }
    }

    /// `email` or `network`.
    pub fn kind(&self) -> &'static str {
        match self {
            BanTarget::Email(_) => "email",
            BanTarget::Network(_) => "network",
        }
    }
}

/// An IPv4-mapped IPv6 network (`::ffff:0:0/96` and within) as its IPv4 network.
fn canonical(net: IpNet) -> IpNet {
    if let IpNet::V6(v6) = net {
        if let (Some(v4), true) = (v6.addr().to_ipv4_mapped(), v6.prefix_len() >= 96) {
            if let Ok(v4net) = Ipv4Net::new(v4, v6.prefix_len() - 96) {
                return IpNet::V4(v4net);
            }
        }
    }
    net
}

/// The canonical text: the address, or the network in CIDR form. Stored in the
/// database and shown to moderators; [`BanTarget::parse`] reads it back unchanged.
impl fmt::Display for BanTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BanTarget::Email(email) => f.write_str(email.as_str()),
            BanTarget::Network(net) => write!(f, "{net}"),
        }
    }
}

impl FromStr for BanTarget {
    type Err = BanError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BanTarget::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    fn email(s: &str) -> Email {
        Email::parse(s).unwrap()
    }

    #[test]
    fn parses_and_prints_canonical_forms() {
        for (input, want, kind) in [
            ("203.0.113.0/24", "203.0.113.0/24", "network"),
            (" 203.0.113.77/24 ", "203.0.113.0/24", "network"),
            ("203.0.113.7", "203.0.113.7/32", "network"),
            ("2001:db8::/32", "2001:db8::/32", "network"),
            ("2001:DB8:1:2::5/32", "2001:db8::/32", "network"),
            ("2001:db8::1", "2001:db8::1/128", "network"),
            ("::ffff:203.0.113.7", "203.0.113.7/32", "network"),
            ("::ffff:203.0.113.0/120", "203.0.113.0/24", "network"),
            ("Someone@Example.org", "someone@example.org", "email"),
        ] {
            let ban = BanTarget::parse(input).unwrap();
            assert_eq!(ban.to_string(), want, "{input}");
            assert_eq!(ban.kind(), kind);
            assert_eq!(BanTarget::parse(&ban.to_string()), Ok(ban));
        }
    }

    #[test]
    fn refuses_garbage_with_a_clear_message() {
        for input in [
            "",
            "   ",
            "example.org",
            "203.0.113",
            "203.0.113.0/33",
            "2001:db8::/129",
            "300.1.1.1",
            "1.2.3.4/x",
            "someone@",
            "@example.org",
        ] {
            let e = BanTarget::parse(input).unwrap_err();
            assert!(!e.to_string().is_empty(), "{input}");
        }
        assert_eq!(BanTarget::parse("   "), Err(BanError::Empty));
        assert_eq!(
            BanTarget::parse(" 203.0.113.0/33 "),
            Err(BanError::Network {
                typed: "203.0.113.0/33".into()
            })
        );
        assert!(BanTarget::parse("203.0.113.0/33")
            .unwrap_err()
            .to_string()
            .contains("203.0.113.0/24"));
        assert_eq!(
            BanTarget::parse("example.org"),
            Err(BanError::Neither {
                typed: "example.org".into()
            })
        );
        assert_eq!(
            BanTarget::parse("someone@"),
            Err(BanError::Email {
                typed: "someone@".into(),
                problem: Problem::InvalidEmail
            })
        );
        assert_eq!(
            BanTarget::parse("someone@").unwrap_err().to_string(),
            "`someone@` is not an email address"
        );
    }

    #[test]
    fn networks_match_addresses_inside_them() {
        let v4 = BanTarget::parse("203.0.113.0/24").unwrap();
        assert!(v4.matches(None, ip("203.0.113.200")));
        assert!(!v4.matches(None, ip("203.0.114.1")));
        assert!(!v4.matches(Some(&email("a@b.org")), None));
        assert!(v4.matches(None, ip("::ffff:203.0.113.9")));
        assert!(!v4.matches(None, ip("::ffff:203.0.114.9")));

        let single = BanTarget::parse("203.0.113.7").unwrap();
        assert!(single.matches(None, ip("203.0.113.7")));
        assert!(single.matches(None, ip("::ffff:203.0.113.7")));
        assert!(!single.matches(None, ip("203.0.113.8")));

        let v6 = BanTarget::parse("2001:db8::/32").unwrap();
        assert!(v6.matches(None, ip("2001:db8:ffff::1")));
        assert!(!v6.matches(None, ip("2001:db9::1")));
        assert!(!v6.matches(None, ip("203.0.113.7")));

        let mapped = BanTarget::parse("::ffff:203.0.113.0/120").unwrap();
        assert!(mapped.matches(None, ip("203.0.113.1")));
        assert!(mapped.matches(None, ip("::ffff:203.0.113.1")));
    }

    #[test]
    fn emails_match_whatever_the_case() {
        let ban = BanTarget::parse("Spammer@Example.ORG").unwrap();
        assert!(ban.matches(Some(&email("spammer@example.org")), None));
        assert!(ban.matches(Some(&email(" SPAMMER@example.org")), ip("192.0.2.1")));
        assert!(!ban.matches(Some(&email("other@example.org")), None));
        assert!(!ban.matches(None, ip("192.0.2.1")));
    }
}
