#!/usr/bin/env python3
"""The real navigator on a content folder, in tmux at 80x24: start-up to first frame, and key to
finished frame for a search typed a letter at a time and the keys that open, go back and browse.

Usage: navigator_keys.py BINARY CONTENT_DIR [RUNS]   (prints one JSON object)

Wall time: from the key sent (or the start) until the screen shows what the key leads to, polled
every 2 ms with `tmux capture-pane` (so it includes up to a poll of latency). CPU time: the
process's own, from /proc/PID/schedstat (nanoseconds on the CPU) before the key and once the screen
shows it, so it is the program's work alone, whatever else the machine runs. The snapshot is made by
a first run that is not counted.
"""
import json, os, statistics, subprocess, sys, time

SESSION = "lo-navbench-%d" % os.getpid()


def tmux(*args):
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def screen():
    return tmux("capture-pane", "-p", "-t", SESSION)


def cpu_ns(pid):
    with open("/proc/%d/schedstat" % pid) as f:
        return int(f.read().split()[0])


def typed_query(q):
    """The search shows q and the hardware cursor stands after it (capture-pane trims a trailing
    space, the cursor does not)."""
    def test(s):
        x = int(tmux("display-message", "-p", "-t", SESSION, "#{cursor_x}").strip() or -1)
        for line in s.splitlines():
            i = line.find("Search: ")
            if i >= 0 and line[i + 8:].startswith(q.rstrip()) and x == i + 8 + len(q):
                return "result" in s
        return False
    return test


def wait_for(test, timeout=120):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        s = screen()
        if test(s):
            return s
        time.sleep(0.002)
    raise SystemExit("timed out waiting; screen:\n" + screen())


def start(binary, content):
    t0 = time.monotonic()
    tmux("new-session", "-d", "-s", SESSION, "-x", "80", "-y", "24", "%s --content %s" % (binary, content))
    wait_for(lambda s: "What would you like to do?" in s)
    wall = time.monotonic() - t0
    pid = int(tmux("display-message", "-p", "-t", SESSION, "#{pane_pid}").strip())
    return pid, wall, cpu_ns(pid)


def state():
    # With attributes (-e): a moved selection may change only the highlight.
    return tmux("capture-pane", "-e", "-p", "-t", SESSION) + tmux("display-message", "-p", "-t", SESSION, "#{cursor_x},#{cursor_y}")


def changed():
    """The screen (text or highlight) or the hardware cursor is not as it was."""
    was = state()
    return lambda s: state() != was


def key(pid, keys, shows, literal=False):
    shows = shows() if shows is changed else shows
    before = cpu_ns(pid)
    t0 = time.monotonic()
    tmux("send-keys", "-t", SESSION, *(["-l"] if literal else []), keys)
    wait_for(shows)
    wall = time.monotonic() - t0
    time.sleep(0.05)  # the frame is drawn before the screen shows it: let the program go idle
    return wall, cpu_ns(pid) - before


def main():
    binary, content = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    start(binary, content)
    tmux("kill-session", "-t", SESSION)
    startup_wall, startup_cpu, typed, other = [], [], [], {}
    for _ in range(runs):
        pid, wall, cpu = start(binary, content)
        startup_wall.append(wall)
        startup_cpu.append(cpu)
        query = ""
        for ch in "speech therapy":
            query += ch
            typed.append(key(pid, ch, typed_query(query), literal=True))
        steps = [("Down", "Down", changed), ("Enter (open entry)", "Enter", lambda s: "Search:" not in s.splitlines()[1]),
                 ("Escape (back)", "Escape", lambda s: "Search: speech therapy" in s),
                 ("F10 (home)", "F10", lambda s: "What would you like to do?" in s),
                 ("Alt-3 (A to Z)", "M-3", lambda s: "What would you like to do?" not in s),
                 ("Down (A to Z)", "Down", changed)]
        for name, k, shows in steps:
            other.setdefault(name, []).append(key(pid, k, shows))
        tmux("kill-session", "-t", SESSION)

    def ms(xs):
        return round(statistics.median(xs) * 1000, 1)

    def p(xs, q):
        xs = sorted(xs)
        return round(xs[min(len(xs) - 1, int(q * len(xs)))] * 1000, 1)
    out = {"runs": runs, "load_average": os.getloadavg(),
           "startup_wall_ms_median": ms(startup_wall), "startup_cpu_ms_median": ms([c / 1e9 for c in startup_cpu]),
           "search_key_wall_ms": {"p50": p([w for w, _ in typed], 0.5), "p99": p([w for w, _ in typed], 0.99), "n": len(typed)},
           "search_key_cpu_ms": {"p50": p([c / 1e9 for _, c in typed], 0.5), "p99": p([c / 1e9 for _, c in typed], 0.99)},
           "keys": {n: {"wall_ms_median": ms([w for w, _ in v]), "cpu_ms_median": ms([c / 1e9 for _, c in v])} for n, v in other.items()}}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
