//! Which `Host` a request may name. A server bound to a loopback address answers only the
//! names that mean this machine, so that a web page whose own host name is re-pointed at
//! 127.0.0.1 (DNS rebinding) cannot read the preview, scheduled and draft articles included:
//! the browser then still sends that page's host name, which is refused here.

use axum::http::{header, HeaderMap, Uri, Version};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The refusal's text: what to open instead, and why (no site content).
pub const ANSWERED: &str = "This careerpress dev server answers only requests for localhost, 127.0.0.1 (or \
another 127.x.x.x), [::1], a name ending in .localhost, or a name given with --allow-host, with any port, \
so that other web sites cannot read the preview. Open it at the address it printed.\n";

/// A DNS name's longest text form; no one of ours is longer.
const MAX_NAME_LEN: usize = 253;

/// Which `Host` values the server answers, from the address it is bound to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hosts {
    /// Bound to a loopback address: only names of this machine, and the names given with
    /// `--allow-host` (a proxy's or a forwarded port's in front of it).
    Loopback(Allowed),
    /// Bound on purpose (`--bind`) where other machines reach it, by whatever name they
    /// use for it, which the server cannot know: any.
    Any,
}

/// The names given with `--allow-host`, as `cli::parse_allow_host` made them (lowercase);
/// shared by every request's check.
pub type Allowed = std::sync::Arc<[String]>;

impl Hosts {
    pub fn for_bind(addr: IpAddr, allowed: &[String]) -> Hosts {
        if is_loopback(addr) {
            Hosts::Loopback(allowed.into())
        } else {
            Hosts::Any
        }
    }

    /// Whether `host` (with or without a port) is answered: a name of this machine, or
    /// one allowed by name, or under an allowed `.domain`.
    fn answers(&self, host: &str) -> bool {
        match self {
            Hosts::Any => true,
            Hosts::Loopback(allowed) => {
                is_local(host)
                    || without_port(host).is_some_and(|(name, bracketed)| {
                        let name = name.to_ascii_lowercase();
                        !bracketed
                            && allowed.iter().any(|a| match a.strip_prefix('.') {
                                Some(domain) => name == domain || name.ends_with(a.as_str()),
                                None => name == *a,
                            })
                    })
            }
        }
    }
}

/// What to do with a request, by the host names it carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Serve,
    /// Malformed: HTTP/1.1 without `Host`, or `Host` given twice (RFC 9112 §3.2 asks for 400).
    BadRequest,
    /// Names a host this server does not answer for.
    Misdirected,
}

/// Whether to answer a request. Under `Hosts::Loopback`, its `Host` and, in the absolute
/// form (`GET http://host/ HTTP/1.1`), its target's authority must both name this machine.
/// An HTTP/1.0 request may come without `Host` (the protocol did not require it): no
/// browser sends one so, and a rebinding page's request always names its own host.
pub fn check(hosts: &Hosts, version: Version, uri: &Uri, headers: &HeaderMap) -> Verdict {
    if *hosts == Hosts::Any {
        return Verdict::Serve;
    }
    let mut values = headers.get_all(header::HOST).iter();
    let host = values.next();
    if values.next().is_some() {
        return Verdict::BadRequest;
    }
    let old = version == Version::HTTP_09 || version == Version::HTTP_10;
    if host.is_none() && !old {
        return Verdict::BadRequest;
    }
    // A value that is not visible ASCII is no name of ours either.
    let host_ok = host.is_none_or(|h| h.to_str().is_ok_and(|h| hosts.answers(h)));
    let target_ok = uri.authority().is_none_or(|a| hosts.answers(a.as_str()));
    if host_ok && target_ok {
        Verdict::Serve
    } else {
        Verdict::Misdirected
    }
}

/// Whether `host` (`name`, `name:port`, `[v6]` or `[v6]:port`) names this machine:
/// `localhost`, a name ending in `.localhost` (RFC 6761: browsers resolve these to
/// loopback themselves, never through DNS), a 127.x address or `[::1]`; case-blind. The
/// port is not compared with the server's: a rebinding page names its own host, refused
/// whatever the port, while a tunnel (`ssh -L 8080:localhost:1111`) makes the browser send
/// the tunnel's port. Vite and webpack-dev-server check the name only too.
pub fn is_local(host: &str) -> bool {
    let Some((name, bracketed)) = without_port(host) else { return false };
    if bracketed {
        return name.parse::<Ipv6Addr>().is_ok_and(|ip| is_loopback(IpAddr::V6(ip)));
    }
    if let Ok(ip) = name.parse::<Ipv4Addr>() {
        return is_loopback(IpAddr::V4(ip));
    }
    is_localhost_name(name.as_bytes())
}

/// 127.0.0.0/8 and ::1, also written as an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`).
pub fn is_loopback(addr: IpAddr) -> bool {
    addr.to_canonical().is_loopback()
}

/// The host without its port, and whether it was in brackets (an IPv6 address); `None`
/// when the port is not a port number or the brackets do not close.
fn without_port(host: &str) -> Option<(&str, bool)> {
    let (name, port, bracketed) = match host.strip_prefix('[') {
        Some(rest) => {
            let (inside, after) = rest.split_once(']')?;
            let port = if after.is_empty() { None } else { Some(after.strip_prefix(':')?) };
            (inside, port, true)
        }
        None => match host.split_once(':') {
            Some((name, port)) => (name, Some(port), false),
            None => (host, None, false),
        },
    };
    let port_ok =
        port.is_none_or(|p| p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok());
    port_ok.then_some((name, bracketed))
}

/// `localhost`, or labels of letters, digits, `-` and `_` followed by `.localhost`.
fn is_localhost_name(name: &[u8]) -> bool {
    const SUFFIX: &[u8] = b".localhost";
    if name.eq_ignore_ascii_case(&SUFFIX[1..]) {
        return true;
    }
    if name.len() > MAX_NAME_LEN || name.len() <= SUFFIX.len() {
        return false;
    }
    let (labels, suffix) = name.split_at(name.len() - SUFFIX.len());
    suffix.eq_ignore_ascii_case(SUFFIX)
        && labels.split(|&b| b == b'.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.iter().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(b))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn names_of_this_machine_are_answered() {
        for host in [
            "localhost",
            "LOCALHOST:8080",
            "LocalHost:1111",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.1.2.3:80",
            "[::1]",
            "[::1]:9",
            "[0:0:0:0:0:0:0:1]:1111",
            "[::ffff:127.0.0.1]:1111",
            "a.localhost",
            "My-Site.LOCALHOST:1111",
            "a.b_c.localhost:65535",
        ] {
            assert!(is_local(host), "{host}");
        }
    }

    #[test]
    fn other_names_and_malformed_values_are_refused() {
        let long_name = format!("{}localhost", "a.".repeat(200));
        let long_label = format!("{}.localhost", "a".repeat(64));
        for host in [
            "",
            "attacker.example",
            "attacker.example:1111",
            "localhost.attacker.com",
            "localhost.attacker.com:1111",
            "127.0.0.1.nip.io",
            "127.0.0.1.nip.io:1111",
            "xlocalhost",
            ".localhost",
            "a..localhost",
            "a b",
            "a b.localhost",
            "localhost:",
            "localhost:abc",
            "localhost:65536",
            "localhost:1111:1111",
            "localhost:+80",
            "localhost.",
            "127.0.0.1:",
            "128.0.0.1",
            "0.0.0.0",
            "10.0.0.1",
            "::1",
            "[::1",
            "[::1]x",
            "[::1]:",
            "[::2]",
            "[127.0.0.1]",
            "[::]:1111",
            "user@localhost",
            "lоcalhost",
            "é.localhost",
            &long_name,
            &long_label,
            &"a".repeat(10_000),
        ] {
            assert!(!is_local(host), "{host:?}");
        }
    }

    #[test]
    fn only_loopback_binds_check_names() {
        let bind = |addr: &str| Hosts::for_bind(addr.parse().unwrap(), &[]);
        for addr in ["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"] {
            assert_eq!(bind(addr), loopback(), "{addr}");
        }
        for addr in ["0.0.0.0", "::", "192.168.1.5"] {
            assert_eq!(bind(addr), Hosts::Any, "{addr}");
        }
    }

    fn loopback() -> Hosts {
        Hosts::Loopback(Allowed::from([]))
    }

    fn verdict(hosts: Hosts, version: Version, target: &str, host_values: &[&str]) -> Verdict {
        let mut headers = HeaderMap::new();
        for value in host_values {
            headers.append(header::HOST, HeaderValue::from_str(value).unwrap());
        }
        check(&hosts, version, &target.parse().unwrap(), &headers)
    }

    #[test]
    fn requests_are_checked_by_host_header_and_target() {
        use Verdict::*;
        let v11 = Version::HTTP_11;
        assert_eq!(verdict(loopback(), v11, "/", &["localhost:1111"]), Serve);
        assert_eq!(verdict(loopback(), v11, "/posts/x/", &["attacker.example:1111"]), Misdirected);
        assert_eq!(verdict(loopback(), v11, "/", &[""]), Misdirected);
        assert_eq!(verdict(loopback(), v11, "/", &[]), BadRequest, "HTTP/1.1 requires Host");
        assert_eq!(verdict(loopback(), v11, "/", &["localhost", "localhost"]), BadRequest);
        assert_eq!(verdict(loopback(), Version::HTTP_10, "/", &[]), Serve, "HTTP/1.0 did not require it");
        assert_eq!(verdict(loopback(), Version::HTTP_10, "/", &["evil.example"]), Misdirected);
        // Absolute form: the target's authority counts as well as the header.
        assert_eq!(verdict(loopback(), v11, "http://127.0.0.1:1111/", &["127.0.0.1:1111"]), Serve);
        assert_eq!(verdict(loopback(), v11, "http://evil.example/", &["localhost"]), Misdirected);
        assert_eq!(verdict(loopback(), v11, "http://localhost/", &["evil.example"]), Misdirected);
        assert_eq!(verdict(loopback(), Version::HTTP_10, "http://evil.example/", &[]), Misdirected);
        // Not visible ASCII.
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_bytes(b"localh\xc3\xb6st").unwrap());
        assert_eq!(check(&loopback(), v11, &"/".parse().unwrap(), &headers), Misdirected);
        // Exposed on purpose: served as before.
        assert_eq!(verdict(Hosts::Any, v11, "/", &["attacker.example"]), Serve);
        assert_eq!(verdict(Hosts::Any, v11, "/", &[]), Serve);
    }

    #[test]
    fn names_given_with_allow_host_are_answered_too() {
        use Verdict::*;
        let allowed: Vec<String> =
            ["preview.example.test", ".codespaces.example", "192.168.1.5"].map(String::from).to_vec();
        let hosts = Hosts::for_bind("127.0.0.1".parse().unwrap(), &allowed);
        let v11 = Version::HTTP_11;
        for host in [
            "preview.example.test",
            "PREVIEW.example.test:443",
            "codespaces.example",
            "me-1111.codespaces.example:8080",
            "192.168.1.5:1111",
            "localhost:1111",
        ] {
            assert_eq!(verdict(hosts.clone(), v11, "/", &[host]), Serve, "{host}");
        }
        for host in [
            "example.test",
            "other.example.test",
            "preview.example.test.attacker.example",
            "xcodespaces.example",
            "[::2]",
            "192.168.1.50",
        ] {
            assert_eq!(verdict(hosts.clone(), v11, "/", &[host]), Misdirected, "{host}");
        }
        assert_eq!(verdict(hosts, v11, "http://preview.example.test/", &["preview.example.test"]), Serve);
    }
}
