// Summaries of the bench's samples: medians, ratios, the table, the targets, the README section.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { TOOLS, TOOL_LABELS } from './workloads.js';

const MiB = 1024 * 1024;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Add median/min/max (ms), ratio to the workload's base and the median RSS figure to each tool. */
export function summarize(wr) {
  for (const s of Object.values(wr.tools)) {
    if (s.unsupported || s.samples.length === 0) {
      s.unsupported ??= 'no samples';
      continue;
    }
    const ms = s.samples.map((x) => x.ms);
    s.median = median(ms);
    s.min = Math.min(...ms);
    s.max = Math.max(...ms);
    s.wallMedian = median(s.samples.map((x) => x.wallMs));
    if (wr.rss) {
      // In-process tools report peak RSS growth over their own baseline; iproute2 (timed from
      // outside) only has its whole max RSS.
      const g = s.samples.map((x) => x.rssGrowth).filter((x) => x !== undefined);
      if (g.length) s.rssGrowthMedian = median(g);
      const m = s.samples.map((x) => x.maxRss).filter((x) => x !== undefined);
      if (m.length) s.maxRssMedian = median(m);
    }
  }
  const base = wr.tools[wr.base];
  for (const s of Object.values(wr.tools)) {
    if (s.median !== undefined && base?.median) s.ratio = s.median / base.median;
  }
}

/**
 * The ratio of `a` to `b` within each repetition (the two ran seconds apart), lowest to highest:
 * how far the ratio of medians can be trusted when the machine's speed drifts from one
 * repetition to the next. Undefined for samples without a repetition number.
 */
export function pairedRange(a, b) {
  const bByRep = new Map(b.samples.map((x) => [x.rep, x.ms]));
  const ratios = a.samples.filter((x) => x.rep !== undefined && bByRep.has(x.rep)).map((x) => x.ms / bByRep.get(x.rep));
  if (ratios.length < 2) return undefined;
  return `${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}`;
}

function fmtMs(ms) {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

function cell(s) {
  if (!s) return '—';
  if (s.unsupported) return 'n/a';
  return `${fmtMs(s.median)} (${s.ratio !== undefined ? s.ratio.toFixed(2) + '×' : '?'})`;
}

/** The results as Markdown tables: medians with their ratio to the floor (or to `node -e 0`). */
export function renderTable(results) {
  const rows = [];
  const main = results.workloads.filter((w) => w.base === 'floor');
  if (main.length) {
    rows.push(`| workload | ${TOOLS.map((t) => TOOL_LABELS[t]).join(' | ')} |`);
    rows.push(`|---|${TOOLS.map(() => '---:').join('|')}|`);
    for (const w of main) {
      rows.push(`| ${w.id} ${w.title} | ${TOOLS.map((t) => cell(w.tools[t])).join(' | ')} |`);
      if (w.rss) {
        const rss = (s) => {
          if (!s || s.unsupported) return '—';
          if (s.rssGrowthMedian !== undefined) return `+${(s.rssGrowthMedian / MiB).toFixed(1)} MiB`;
          if (s.maxRssMedian !== undefined) return `${(s.maxRssMedian / MiB).toFixed(1)} MiB max RSS`;
          return '—';
        };
        rows.push(`| ${w.id} peak RSS growth | ${TOOLS.map((t) => rss(w.tools[t])).join(' | ')} |`);
      }
    }
  }
  for (const w of results.workloads.filter((x) => x.base !== 'floor')) {
    const tools = [w.base, ...Object.keys(w.tools).filter((t) => t !== w.base)];
    rows.push('');
    rows.push(`| ${w.id} ${w.title} | ${tools.map((t) => TOOL_LABELS[t] ?? t).join(' | ')} |`);
    rows.push(`|---|${tools.map(() => '---:').join('|')}|`);
    rows.push(`| median (ratio to ${w.base}) | ${tools.map((t) => cell(w.tools[t])).join(' | ')} |`);
  }
  return rows.join('\n');
}

/** Each target, met or missed, as Markdown list lines. */
export function targetLines(results) {
  const lines = [];
  for (const w of results.workloads) {
    const me = w.tools['rtnl-ts'];
    if (!me || me.unsupported) {
      lines.push({ met: undefined, text: `${w.id}: rtnl-ts not run (${me?.unsupported ?? 'not selected'})` });
      continue;
    }
    for (const t of w.targets) {
      if (t.rssMiB !== undefined) {
        const g = (me.rssGrowthMedian ?? NaN) / MiB;
        lines.push({ met: g < t.rssMiB, text: `${w.id}: peak RSS growth ${g.toFixed(1)} MiB < ${t.rssMiB} MiB` });
        continue;
      }
      const over = t.over ?? w.base;
      const ref = w.tools[over];
      if (!ref || ref.unsupported) {
        lines.push({ met: undefined, text: `${w.id}: no ${over} to compare with` });
        continue;
      }
      const r = me.median / ref.median;
      const spread = pairedRange(me, ref);
      lines.push({
        met: r <= t.ratio,
        text: `${w.id}: rtnl-ts / ${TOOL_LABELS[over] ?? over} = ${r.toFixed(2)} ≤ ${t.ratio.toFixed(2)}` +
          (spread ? ` (repetition by repetition: ${spread})` : ''),
      });
    }
    // Where the floor also ran from Node: how the gap splits between the runtime and the library.
    // For a dump, the Node floor also decodes each object by hand: the least any eager
    // JavaScript decoder spends, so no such library can go below its ratio.
    const nodeFloor = w.tools['node-floor'];
    if (nodeFloor?.median && w.tools[w.base]?.median) {
      const libSpread = pairedRange(me, nodeFloor);
      const share = w.tools.objects ? 'the runtime plus the least decoding, a bound for any JavaScript library' : "the runtime's share";
      lines.push({
        met: null,
        text: `${w.id}: floor (Node) / floor (C) = ${(nodeFloor.median / w.tools[w.base].median).toFixed(2)} (${share}); ` +
          `rtnl-ts / floor (Node) = ${(me.median / nodeFloor.median).toFixed(2)} (the library's` +
          `${libSpread ? `; repetition by repetition: ${libSpread}` : ''})`,
      });
    }
    // Where the objects alone were timed: no JavaScript dump can take less than the floor plus that.
    const objects = w.tools.objects;
    if (objects?.median && w.tools[w.base]?.median) {
      const floorMs = w.tools[w.base].median;
      lines.push({
        met: null,
        text: `${w.id}: building the objects alone takes ${fmtMs(objects.median)}, so no JavaScript dump can go below ` +
          `(floor + objects) / floor = ${((floorMs + objects.median) / floorMs).toFixed(2)}; rtnl-ts / that bound = ` +
          `${(me.median / (floorMs + objects.median)).toFixed(2)}`,
      });
    }
    for (const peer of ['pyroute2', 'netlink', 'go', 'rust']) {
      const p = w.tools[peer];
      if (!p || p.unsupported) continue;
      lines.push({
        met: me.median < p.median,
        text: `${w.id}: rtnl-ts faster than ${TOOL_LABELS[peer]} (${fmtMs(me.median)} vs ${fmtMs(p.median)}, ${(p.median / me.median).toFixed(2)}× faster)`,
      });
    }
  }
  return lines;
}

export function renderTargets(results) {
  return targetLines(results)
    .map((l) => `- ${l.met === null ? 'note' : l.met === undefined ? 'NOT RUN' : l.met ? 'met' : 'MISSED'}: ${l.text}`)
    .join('\n');
}

/** The compiled peers' versions (bench/peers.js), as one line of text. */
export function peerVersions(m) {
  const p = m.peers ?? {};
  const go = p.go?.error ? `Go peer not built (${p.go.error.slice(0, 120)})` :
    `Go netlink: ${p.go?.go}, vishvananda/netlink ${p.go?.['vishvananda/netlink']} (Debian), vishvananda/netns ${p.go?.['vishvananda/netns']}`;
  const rust = p.rust?.error ? `Rust peer not built (${p.rust.error.slice(0, 120)})` :
    `Rust rtnetlink: rustc ${p.rust?.rustc}, rtnetlink ${p.rust?.rtnetlink} (Debian ${p.rust?.['librust-rtnetlink-dev']}), ` +
    `netlink-packet-route ${p.rust?.['netlink-packet-route']}, netlink-proto ${p.rust?.['netlink-proto']}, tokio ${p.rust?.tokio}`;
  return `${go}; ${rust}`;
}

const BEGIN = '<!-- bench:results:begin -->';
const END = '<!-- bench:results:end -->';

/** Replace the results section of bench/README.md (between the markers) with this run's. */
export function updateReadme(file, results, table, targets) {
  const m = results.machine;
  const section = [
    BEGIN,
    `Latest full run: ${results.date.slice(0, 10)}, ${results.elapsedSeconds.toFixed(0)} s, ` +
      `medians of ${results.workloads.map((w) => `${w.id} ${w.reps}`).join(', ')} repetitions (+${results.warmup} warm-up each)` +
      (results.busyRuns ? `; ${results.busyRuns} of ${results.runs} runs began on a busy machine.` : '.'),
    '',
    `Machine: \`nproc\` ${m.nproc} (${m.cpu}), \`uname -r\` ${m.kernel}, node ${m.node}, ${m.iproute2}, ` +
      `pyroute2 ${m.pyroute2} (${m.python}), npm netlink ${m.netlink}; rtnl-ts at ${m.commit}.`,
    '',
    `Peers: ${peerVersions(m)}.` +
      (results.selftest?.rust?.libraryDelRefused !== undefined
        ? ` rtnetlink's own \`link().del()\` ${results.selftest.rust.libraryDelRefused ? 'was refused by this kernel (NLM_F_EXCL read as bulk delete)' : 'worked on this kernel'}.`
        : ''),
    '',
    results.load ? `Load average (1, 5, 15 min) at the start: ${results.load.before}; at the end: ${results.load.after}.` : '',
    '',
    table,
    '',
    'Targets:',
    '',
    targets,
    END,
  ].join('\n');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : `${BEGIN}\n${END}\n`;
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  const next = a >= 0 && b > a ? text.slice(0, a) + section + text.slice(b + END.length) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
