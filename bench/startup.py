"""App start-up and search-as-you-type figures (issue 3), measured from outside in a real pty.

Each app is started in a pseudo-terminal and its output is fed to a pyte screen; "first frame" is
the first moment the screen holds any text, "first screen" the moment a known string of the first
screen is visible (a brief title for `briefs`, the greeting for the bare Textual app).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyte

from bench.core import BRIEFS, available, last_line
from bench.corpus import Corpus
from bench.report import Table, mb, median, ms, ratio, verdict

HELLO = Path(__file__).resolve().parent / "hello_app.py"
HELLO_TEXT = "Hello from a bare Textual app"
ROWS, COLS = 24, 80
MARK_LEN = 12  # title prefix long enough to be unique on screen, short enough to survive a column
FIRST_PAINT_RATIO = 1.3
KEYSTROKE_TARGET_S = 0.100
CTRL_Q = b"\x11"
SLOW_LIBRARY_S = 2.0  # a large library this slow to show gets 3 timed runs, not all of them
BURST_GAP_S = 0.1  # between keys of a burst: a quick typist, closer than the debounce


class Terminal:
    """A program running in a pseudo-terminal, its output rendered on a pyte screen."""

    def __init__(self, argv: list[str], env: dict[str, str], rows: int = ROWS, cols: int = COLS):
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.eof = False
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal before the app asks for it
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.rusage: Any = None

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def pump(self, timeout: float) -> bool:
        """Read what the program wrote within `timeout`; False when nothing came."""
        if self.eof:
            time.sleep(timeout)
            return False
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            data = b""
        if not data:
            self.eof = True
            return False
        self.stream.feed(data)
        return True

    def lines(self) -> list[str]:
        return list(self.screen.display)

    def wait_for(self, found: Callable[[list[str]], bool], timeout: float) -> float | None:
        """Seconds since launch when `found(screen lines)` first held, None on timeout."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.pump(0.02) and found(self.lines()):
                return self.elapsed()
            if self.eof:
                return None
        return None

    def pump_for(self, seconds: float) -> None:
        """Keep reading for `seconds` (an app with a blinking cursor is never quiet, so waiting
        for silence would not end)."""
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline and not self.eof:
            self.pump(min(0.02, max(0.0, deadline - time.perf_counter())))

    def send(self, data: bytes) -> None:
        os.write(self.fd, data)

    def peak_rss_kb(self) -> float:
        """The app's peak RSS so far (VmHWM), read while it runs: after exec it is the app's own,
        whereas wait4's figure would include this (larger) bench process it was forked from."""
        try:
            status = Path(f"/proc/{self.pid}/status").read_text(encoding="utf-8")
        except OSError:
            return math.nan
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return float(line.split()[1])
        return math.nan

    def close(self) -> float:
        """Quit (ctrl+q, then signals); returns the app's peak RSS in kB, read just before."""
        peak = self.peak_rss_kb()
        with contextlib.suppress(OSError):
            self.send(CTRL_Q)
        deadline = time.perf_counter() + 5
        for sig in (None, signal.SIGTERM, signal.SIGKILL):
            if sig is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.pid, sig)
                deadline = time.perf_counter() + 3
            while time.perf_counter() < deadline:
                self.pump(0.02)
                pid, _status, _usage = os.wait4(self.pid, os.WNOHANG)
                if pid:
                    os.close(self.fd)
                    return peak
        os.wait4(self.pid, 0)
        os.close(self.fd)
        return peak


def any_text(lines: list[str]) -> bool:
    return any(line.strip() for line in lines)


def contains_any(marks: set[str], length: int = MARK_LEN) -> Callable[[list[str]], bool]:
    """A screen test: does any `length`-character window of the screen equal one of `marks`?"""

    def found(lines: list[str]) -> bool:
        for line in lines:
            for i in range(max(0, len(line) - length + 1)):
                if line[i : i + length] in marks:
                    return True
        return False

    return found


def marks_of(titles: Iterable[str]) -> set[str]:
    return {t[:MARK_LEN] for t in titles if len(t) >= MARK_LEN}


@dataclass
class Launch:
    first_frame_s: float | None
    first_screen_s: float | None
    maxrss_kb: float


def launch(argv: list[str], env: dict[str, str], marks: set[str], timeout: float = 20) -> Launch:
    term = Terminal(argv, env)
    first = term.wait_for(any_text, timeout)
    screen = None
    if first is not None:
        seen = contains_any(marks)
        screen = first if seen(term.lines()) else term.wait_for(seen, timeout)
        term.pump_for(1.0)  # let start-up workers run, so the peak RSS includes them
    rss = term.close()
    return Launch(first, screen, rss)


def app_env(state: Path) -> dict[str, str]:
    env = dict(os.environ, TERM="xterm-256color", BRIEFS_STATE=str(state))
    # Byte-code cached, as for an installed program (pip compiles at install). Without this, an
    # environment with PYTHONDONTWRITEBYTECODE recompiles every briefs module at each launch
    # (tens of ms), while Textual, the floor's only code, comes precompiled from site-packages.
    # The cache goes beside the state folder, not into the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(state.parent / f"{state.name}-pycache")
    env.pop("NO_COLOR", None)
    env.pop("TEXTUAL", None)
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    return env


def titles_of(corpus: Path) -> list[str]:
    from tui.core.brief import load_corpus

    return [b.title for b in load_corpus(corpus).briefs]


# --- the benchmark -----------------------------------------------------------------------------


def bench_startup(
    bundled: Path, big: Corpus | None, big_index: Path | None, quick: bool
) -> tuple[list[Table], dict[str, Any]]:
    table = Table(
        f"Start-up (issue 3): launch to first screen in a {COLS}x{ROWS} pty",
        [
            "app",
            "corpus",
            "runs",
            "first frame",
            "first screen",
            "vs hello",
            "target",
            "pass",
            "peak RSS",
        ],
    )
    keys = Table(
        "Search as you type (issue 3): last keystroke to results painted",
        ["corpus", "typing", "words", "p50", "max", "target", "pass", "key echo p50", "note"],
    )
    data: dict[str, Any] = {}
    missing = available("tui.app")
    state = Path(tempfile.mkdtemp(prefix="briefs-bench-state-"))
    env = app_env(state)
    runs = 3 if quick else 11  # the load on a shared machine comes in bursts: 7 were too few
    hello_cmd = [sys.executable, str(HELLO)]
    print("startup: bare Textual app" + ("" if missing else " and briefs"), flush=True)

    targets: list[tuple[str, Path, Path | None]] = []
    if not missing:
        targets.append(("bundled", bundled, None))
        if big is not None and big_index is not None:
            targets.append((f"{big.size:,}", big.path, big_index))
    hello: list[Launch] = []
    apps: dict[str, list[Launch]] = {name: [] for name, _, _ in targets}
    marks = {name: marks_of(titles_of(path)) for name, path, _ in targets}
    for name in [n for n, m in marks.items() if not m]:
        table.add("briefs", name, 0, "skipped", "no brief titles to look for", "", "", "", "")
        targets = [t for t in targets if t[0] != name]

    # One untimed launch of each first: it writes the byte-code cache (see app_env) and briefs'
    # listing cache, as any first run after an install does. Shown in a note, not in the medians.
    def argv_of(path: Path, index: Path | None) -> list[str]:
        return [str(BRIEFS), "--corpus", str(path), *(["--index", str(index)] if index else [])]

    cold = {"hello": launch(hello_cmd, env, {HELLO_TEXT[:MARK_LEN]})}
    for name, path, index in targets:
        cold[name] = launch(argv_of(path, index), env, marks[name])
    # Interleaved, so a burst of machine noise hits both apps alike.
    # As many runs for the large corpus, unless it takes seconds to show (then 3 keep the bench in
    # budget): with 3, one burst of load on a shared machine moved its median by over 20%.
    big_runs = runs
    for i in range(runs):
        hello.append(launch(hello_cmd, env, {HELLO_TEXT[:MARK_LEN]}))
        for name, path, index in targets:
            if index is not None and i >= big_runs:
                continue
            shown = launch(argv_of(path, index), env, marks[name])
            apps[name].append(shown)
            if index is not None and (shown.first_screen_s or SLOW_LIBRARY_S) >= SLOW_LIBRARY_S:
                big_runs = min(big_runs, 3)

    def row(app: str, corpus: str, launches: list[Launch], floor: float | None) -> dict[str, Any]:
        frames = [x.first_frame_s for x in launches if x.first_frame_s is not None]
        screens = [x.first_screen_s for x in launches if x.first_screen_s is not None]
        frame = median(frames) if frames else float("nan")
        shown = median(screens) if len(screens) == len(launches) else float("nan")
        vs = shown / floor if floor else float("nan")
        ok = None if floor is None or shown != shown else vs <= FIRST_PAINT_RATIO
        rss = median([x.maxrss_kb for x in launches])
        table.add(
            app,
            corpus,
            len(launches),
            ms(frame),
            ms(shown) if screens else "not seen",
            ratio(vs) if floor else "floor",
            f"<= {FIRST_PAINT_RATIO}x" if floor else "",
            verdict(ok) if floor else "",
            mb(rss),
        )
        return {
            "first_frame_s": frame,
            "first_screen_s": shown,
            "vs_hello": vs,
            "pass": ok,
            "maxrss_kb": rss,
            "runs": [x.__dict__ for x in launches],
        }

    floor_rows = row("bare Textual hello", "-", hello, None)
    data["hello"] = floor_rows
    floor = floor_rows["first_screen_s"]
    for name, _path, _index in targets:
        data[f"briefs {name}"] = row("briefs", name, apps[name], floor)
    if missing:
        table.add(
            "briefs", "-", 0, "skipped", f"tui.app not importable yet: {missing}", "", "", "", ""
        )
    table.notes.append(
        "first frame = first text on screen; first screen = a brief title visible (bundled and "
        "large corpora: any title of the corpus) or the greeting of the hello app. Medians of "
        f"interleaved runs ({', '.join(f'{len(v)} for {k}' for k, v in apps.items())}); the "
        "ratio compares first screens. "
        "Peak RSS is the app's own, "
        "its VmHWM read after 1 s on screen."
    )
    data["cold"] = {name: x.__dict__ for name, x in cold.items()}
    table.notes.append(
        "Each app was launched once before the timed runs (byte-code compiled into a cache, "
        "briefs' listing cache written, as on any first run after an install); that first "
        "launch showed its first screen in "
        + ", ".join(
            f"{name} {ms(x.first_screen_s) if x.first_screen_s is not None else 'never'}"
            for name, x in cold.items()
        )
        + "."
    )
    data["import"] = import_check(table)

    if missing:
        keys.add("-", "-", 0, "-", "-", "< 100 ms", "-", f"skipped: no app yet ({missing})")
    elif big is None or big_index is None:
        keys.add("-", "-", 0, "-", "-", "< 100 ms", "-", "skipped: no large corpus this run")
    else:
        data["keystroke"] = keystroke_bench(big, big_index, env, keys, quick)
    return [table, keys], data


def import_check(table: Table) -> dict[str, Any]:
    """What importing the app module costs, and whether it drags in search or extraction code."""
    code = (
        "import sys, time, json; t = time.perf_counter(); import tui.app; "
        "s = time.perf_counter() - t; m = sys.modules; "
        "print(json.dumps({'import_s': s, 'whoosh': 'whoosh' in m, "
        "'entities_extract': any(k.startswith('tui.core.entities.') and k != "
        "'tui.core.entities.model' for k in m), 'modules': len(m)}))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        return {"error": last_line(run.stderr)}
    info: dict[str, Any] = json.loads(run.stdout)
    table.notes.append(
        f"`import tui.app` alone: {ms(info['import_s'])}, {info['modules']} modules; imports "
        f"whoosh: {'yes' if info['whoosh'] else 'no'}; imports entity extraction: "
        f"{'yes' if info['entities_extract'] else 'no'} (issue 4: it must not)."
    )
    return info


def keystroke_bench(
    corpus: Corpus, index: Path, env: dict[str, str], table: Table, quick: bool
) -> dict[str, Any]:
    """Drive the real app in a pty: open search, type words, and time the last keystroke of each
    until a title of its new top hits is painted. Two ways of typing: the last key after a pause
    (the partial word's results already shown), and the last key of a burst (keys 100 ms apart,
    closer than the debounce, so the app waits for the burst to end)."""
    print(f"startup: search keystroke at {corpus.size:,} briefs", flush=True)
    plans = keystroke_plans(corpus, index, 3 if quick else 6)
    argv = [str(BRIEFS), "--corpus", str(corpus.path), "--index", str(index)]
    term = Terminal(argv, env)
    modes = {"after a pause": 0.8, "end of a burst": BURST_GAP_S}
    times: dict[str, list[float]] = {mode: [] for mode in modes}
    echoes: dict[str, list[float]] = {mode: [] for mode in modes}
    notes: dict[str, str] = {}
    try:
        if term.wait_for(contains_any(marks_of(titles_of(corpus.path))), 60) is None:
            notes = dict.fromkeys(modes, "the library never showed a title")
        else:
            term.pump_for(1.0)
            term.send(SEARCH_KEY)
            term.pump_for(0.5)
            for word, marks in plans:
                for mode, pause in modes.items():
                    if mode in notes:
                        continue
                    painted, said, echo = type_word(term, word, marks, pause)
                    if painted is None:
                        notes[mode] = f"results for {word!r} never painted (screen: {said})"
                    elif painted >= 0:
                        times[mode].append(painted)
                        if echo is not None:
                            echoes[mode].append(echo)
    finally:
        rss = term.close()
    debounce = app_debounce()
    data: dict[str, Any] = {"maxrss_kb": rss, "debounce_s": debounce}
    for mode in modes:
        samples = times[mode]
        p50 = median(samples) if samples else float("nan")
        ok = None if not samples else p50 < KEYSTROKE_TARGET_S
        note = notes.get(mode, "")
        if not note and debounce is not None and mode == "end of a burst":
            note = f"app debounce {debounce * 1000:.0f} ms"
        echo_p50 = median(echoes[mode]) if echoes[mode] else float("nan")
        table.add(
            f"{corpus.size:,}",
            mode,
            len(samples),
            ms(p50),
            ms(max(samples)) if samples else "-",
            "< 100 ms",
            verdict(ok),
            ms(echo_p50) if echoes[mode] else "-",
            note,
        )
        data[mode] = {
            "times_s": samples,
            "p50_s": p50,
            "pass": ok,
            "note": note,
            "echo_times_s": echoes[mode],
            "echo_p50_s": echo_p50,
        }
    table.notes.append(
        f"Search opened with {SEARCH_KEY.decode()!r}; a word is typed, and its last keystroke "
        "timed until one of its new top-3 titles (from tui.core.search) is on the pyte screen. "
        "Key echo: the same keystroke until the word shows in the search box, Textual's own "
        "key-to-paint time at this load (the floor under any results). "
        f"App peak RSS over the session: {mb(rss)}."
    )
    return data


def keystroke_plans(corpus: Corpus, index: Path, count: int) -> list[tuple[str, set[str]]]:
    """Words of the query set whose top titles differ from those of the word minus its last
    letter, so the last keystroke visibly changes the results."""
    from tui.core.search import Searcher

    queries_file = corpus.path.parent / f"queries-{corpus.path.name}.json"
    words: list[str] = []
    if queries_file.is_file():
        words = json.loads(queries_file.read_text(encoding="utf-8"))["one word"]
    plans: list[tuple[str, set[str]]] = []
    with Searcher(index) as searcher:
        for word in words:
            full = searcher.search(word, limit=3, snippets=False)
            partial = searcher.search(word[:-1], limit=20, snippets=False)
            after = marks_of(h.title for h in full.hits) - marks_of(h.title for h in partial.hits)
            if full.hits and after:
                plans.append((word, after))
            if len(plans) >= count:
                break
    return plans


def type_word(
    term: Terminal, word: str, marks: set[str], pause: float
) -> tuple[float | None, str, float | None]:
    """Type `word` into the focused box, `pause` seconds before its last key; seconds from that
    key to one of `marks` painted (None if never, -1 if they were already on screen), the top
    of the screen then (to tell why, when nothing came), and seconds from the key to its echo in
    the search box (Textual's own key-to-paint time: the floor for the results)."""
    gap = min(pause, BURST_GAP_S)
    for ch in word[:-1]:
        term.send(ch.encode())
        term.pump_for(gap)
    term.pump_for(pause - gap)
    seen = contains_any(marks)
    echo: float | None = None
    if seen(term.lines()):
        painted: float | None = -1.0
    else:
        start = time.perf_counter()
        term.send(word[-1].encode())
        painted = None
        while time.perf_counter() - start < 5 and not term.eof:
            if term.pump(0.01):
                lines = term.lines()
                if echo is None and any(word in line for line in lines[:2]):
                    echo = time.perf_counter() - start
                if seen(lines):
                    painted = time.perf_counter() - start
                    break
    said = " / ".join(line.strip() for line in term.lines()[:2] if line.strip())[:100]
    term.pump_for(0.3)
    term.send(b"\x7f" * len(word))  # backspace to an empty box for the next word
    term.pump_for(0.6)
    return painted, said, echo


def app_debounce() -> float | None:
    """The search screen's debounce, which any keystroke-to-results figure includes."""
    code = "from tui.screens.search import DEBOUNCE; print(DEBOUNCE)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    try:
        return float(run.stdout.strip()) if run.returncode == 0 else None
    except ValueError:
        return None


SEARCH_KEY = b"s"


def opening_words(body: str) -> str | None:
    """The first MARK_LEN characters of the first plain paragraph: what a reader pane shows."""
    for block in body.split("\n\n"):
        match = re.match(rf"[A-Za-z][A-Za-z ,']{{{MARK_LEN - 1}}}", block.strip())
        if match:
            return match.group(0)
    return None


def compare_screen(bundled: Path, quick: bool) -> dict[str, Any]:
    """Launch `briefs compare A B` on the bundled pair at 160x48 and time it until the opening
    words of both briefs are painted (the library never shows body text, the two panes do)."""
    from tui.core.brief import load_corpus

    briefs = load_corpus(bundled).briefs[:2]
    if len(briefs) < 2:
        return {"skipped": "fewer than two bundled briefs"}
    words = [opening_words(b.body) for b in briefs]
    if None in words:
        return {"skipped": "no plain opening paragraph to look for"}
    env = app_env(Path(tempfile.mkdtemp(prefix="briefs-bench-state-")))
    argv = [str(BRIEFS), "--corpus", str(bundled), "compare", briefs[0].id, briefs[1].id]

    def both(lines: list[str]) -> bool:
        screen = "\n".join(lines)
        return all(w is not None and w in screen for w in words)

    times: list[float] = []
    for _ in range(2 if quick else 5):
        term = Terminal(argv, env, rows=48, cols=160)
        shown = term.wait_for(both, 10)
        text = "\n".join(term.lines())
        term.close()
        if shown is None:
            reason = "not available in this version" if "not available" in text else "not seen"
            return {"skipped": f"compare screen {reason}"}
        times.append(shown)
    return {"median_s": median(times), "runs_s": times, "ids": [b.id for b in briefs]}
