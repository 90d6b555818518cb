//! The Rust peer: rtnetlink (Debian's librust-rtnetlink-dev) doing each workload in process
//! through its idiomatic calls on a tokio runtime; run by bench/run.js inside the workload's
//! namespace. Prints one JSON line like the floor.
//!
//!     rtnl-bench-rust veth N | linkdump | addradd DEV N | addrdump | routedump | routelist
//!                     | netns N | selftest
//!
//! Link deletion (selftest only): the crate's `link().del()` sends RTM_DELLINK with
//! NLM_F_EXCL | NLM_F_CREATE. Since Linux 5.19 NLM_F_EXCL on a delete is NLM_F_BULK, and a bulk
//! link delete is refused ("Bulk delete is not supported"), so `del_link` sends the same message
//! through `Handle::request` with NLM_F_REQUEST | NLM_F_ACK only.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Instant;

use futures::stream::{StreamExt, TryStreamExt};
use rtnetlink::packet::constants::{AF_INET, IFF_UP, NLM_F_ACK, NLM_F_REQUEST};
use rtnetlink::packet::nlas::address::Nla as AddrNla;
use rtnetlink::packet::nlas::link::Nla as LinkNla;
use rtnetlink::packet::{LinkMessage, NetlinkMessage, NetlinkPayload, RtnlMessage};
use rtnetlink::{new_connection, Error, Handle, IpVersion, NetworkNamespace};

type Res = Result<usize, String>;

fn err(e: Error) -> String {
    e.to_string()
}

/// One "Key:  N kB" line of /proc/self/status.
fn proc_status_kb(key: &str) -> i64 {
    let text = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    text.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l[key.len()..].split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// 198.18.0.0/15 address number i (RFC 2544's benchmarking range), as the other tools.
fn addr(i: usize) -> Ipv4Addr {
    Ipv4Addr::new(
        198,
        (18 + (i >> 16)) as u8,
        ((i >> 8) & 255) as u8,
        (i & 255) as u8,
    )
}

/// The crate's `veth()` sets one end up (IFF_UP in the header's flags and change mask), which
/// `ip link add` and the other tools do not: a device going up costs the kernel about as much
/// again. Cleared through `message_mut()` (as the crate's own docs show) so that every tool
/// asks the kernel for the same work.
async fn veth(h: &Handle, n: usize) -> Res {
    for i in 0..n {
        let mut req = h.link().add().veth(format!("va{}", i), format!("vb{}", i));
        req.message_mut().header.flags &= !IFF_UP;
        req.message_mut().header.change_mask &= !IFF_UP;
        req.execute().await.map_err(err)?;
    }
    Ok(n)
}

/// The whole dump collected, as the other tools' link lists.
async fn links(h: &Handle) -> Result<Vec<LinkMessage>, String> {
    h.link().get().execute().try_collect().await.map_err(err)
}

async fn linkdump(h: &Handle) -> Res {
    let all = links(h).await?;
    Ok(all
        .iter()
        .filter(|l| l.nlas.iter().any(|a| matches!(a, LinkNla::IfName(_))))
        .count())
}

async fn addradd(h: &Handle, dev: &str, n: usize) -> Res {
    // The device is looked up once, as the floor does.
    let link = h
        .link()
        .get()
        .match_name(dev.to_string())
        .execute()
        .try_next()
        .await
        .map_err(err)?;
    let index = link.ok_or_else(|| format!("no device {}", dev))?.header.index;
    for i in 0..n {
        // The crate adds IFA_BROADCAST (the address itself, for a /32), which the other tools do
        // not send: the kernel then adds a second local-table route per address. Removed through
        // `message_mut()` so that every tool asks the kernel for the same work.
        let mut req = h.address().add(index, IpAddr::V4(addr(i)), 32);
        req.message_mut()
            .nlas
            .retain(|a| !matches!(a, AddrNla::Broadcast(_)));
        req.execute().await.map_err(err)?;
    }
    Ok(n)
}

async fn addrdump(h: &Handle) -> Res {
    let mut req = h.address().get();
    req.message_mut().header.family = AF_INET as u8;
    let all: Vec<_> = req.execute().try_collect().await.map_err(err)?;
    Ok(all
        .iter()
        .filter(|a| {
            a.nlas
                .iter()
                .any(|x| matches!(x, AddrNla::Address(_) | AddrNla::Local(_)))
        })
        .count())
}

/// Streaming: each route taken as the crate yields it and dropped.
async fn routedump(h: &Handle) -> Res {
    let mut routes = h.route().get(IpVersion::V4).execute();
    let mut count = 0;
    while let Some(r) = routes.try_next().await.map_err(err)? {
        if r.header.table != 0 {
            count += 1;
        }
    }
    Ok(count)
}

/// The whole dump collected into a Vec.
async fn routelist(h: &Handle) -> Res {
    let all: Vec<_> = h
        .route()
        .get(IpVersion::V4)
        .execute()
        .try_collect()
        .await
        .map_err(err)?;
    Ok(all.iter().filter(|r| r.header.table != 0).count())
}

async fn netns(n: usize) -> Res {
    for i in 0..n {
        NetworkNamespace::add(format!("rsnl{}", i)).await.map_err(err)?;
    }
    for i in 0..n {
        NetworkNamespace::del(format!("rsnl{}", i)).await.map_err(err)?;
    }
    Ok(n)
}

/// RTM_DELLINK without the NLM_F_EXCL | NLM_F_CREATE the crate's `link().del()` adds (see the
/// file's comment).
async fn del_link(h: &Handle, index: u32) -> Result<(), String> {
    let mut msg = LinkMessage::default();
    msg.header.index = index;
    let mut req = NetlinkMessage::from(RtnlMessage::DelLink(msg));
    req.header.flags = NLM_F_REQUEST | NLM_F_ACK;
    let mut replies = h.clone().request(req).map_err(err)?;
    while let Some(m) = replies.next().await {
        if let NetlinkPayload::Error(e) = m.payload {
            return Err(Error::NetlinkError(e).to_string());
        }
    }
    Ok(())
}

/// Once after the build, untimed: the calls the workloads use work on this kernel (a veth pair
/// made, found by a dump, deleted, gone), and whether the crate's own `link().del()` is refused.
async fn selftest(h: &Handle) -> Result<(usize, bool), String> {
    veth(h, 1).await?;
    if linkdump(h).await? != 3 {
        return Err("link dump after add: not 3 links".into());
    }
    let va0 = links(h)
        .await?
        .into_iter()
        .find(|l| {
            l.nlas
                .iter()
                .any(|a| matches!(a, LinkNla::IfName(n) if n == "va0"))
        })
        .ok_or("va0 not found")?;
    let refused = h.link().del(va0.header.index).execute().await.is_err();
    if refused {
        del_link(h, va0.header.index).await?;
    }
    if linkdump(h).await? != 1 {
        return Err("link dump after del: not 1 link".into());
    }
    Ok((1, refused))
}

async fn run(mode: &str, args: &[String]) -> Result<(usize, Option<bool>), String> {
    let num = |i: usize| -> usize { args[i].parse().expect("a number") };
    if mode == "netns" {
        return Ok((netns(num(0)).await?, None));
    }
    let (conn, h, _) = new_connection().map_err(|e| e.to_string())?;
    let task = tokio::spawn(conn);
    let r = match mode {
        "veth" => veth(&h, num(0)).await,
        "linkdump" => linkdump(&h).await,
        "addradd" => addradd(&h, &args[0], num(1)).await,
        "addrdump" => addrdump(&h).await,
        "routedump" => routedump(&h).await,
        "routelist" => routelist(&h).await,
        "selftest" => {
            let (n, refused) = selftest(&h).await?;
            task.abort();
            return Ok((n, Some(refused)));
        }
        _ => Err(format!("unknown mode {}", mode)),
    };
    task.abort();
    Ok((r?, None))
}

fn main() {
    let argv: Vec<String> = std::env::args().collect();
    if argv.len() < 2 {
        eprintln!("usage: rtnl-bench-rust MODE [ARG...]");
        std::process::exit(2);
    }
    // One thread, as the other in-process tools: the connection's task and the caller's on the
    // same current-thread runtime (its I/O driver enabled for the netlink socket).
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .expect("a tokio runtime");
    let rss0 = proc_status_kb("VmRSS:");
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let t0 = Instant::now();
    let r = rt.block_on(run(&argv[1], &argv[2..]));
    let ms = t0.elapsed().as_secs_f64() * 1e3;
    match r {
        Ok((count, refused)) => {
            let growth = (proc_status_kb("VmHWM:") - rss0).max(0) * 1024;
            let extra = refused
                .map(|r| format!(",\"libraryDelRefused\":{}", r))
                .unwrap_or_default();
            println!(
                "{{\"ms\":{},\"count\":{},\"rssGrowth\":{}{}}}",
                ms, count, growth, extra
            );
        }
        Err(e) => {
            eprintln!("{}: {}", argv[1], e);
            std::process::exit(1);
        }
    }
}
