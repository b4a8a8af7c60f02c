import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Sends the take-away to a print command without ever taking the program down: the command runs
/// through `/bin/sh -c` (so `lp -d office -o media=A4` works), the text goes through a pipe with
/// SIGPIPE ignored (a command that stops reading is a failure to report, not a signal that kills
/// us and loses the family's list), and a command that hangs is killed after `timeout` seconds.
public enum Printer {
    public enum Outcome: Sendable, Equatable {
        case printed
        /// The command could not be found (the shell's exit 127).
        case notFound
        /// It stopped reading before the whole take-away reached it.
        case stoppedEarly
        case failed(status: Int32)
        case killedBySignal(Int32)
        case timedOut
        case cannotStart
    }

    /// What the status line says, naming the command by its first word only.
    public static func message(_ outcome: Outcome, command: String) -> String {
        let name = commandName(command)
        let instead = " — save it with Ctrl-S instead"
        switch outcome {
        case .printed: return "Sent your list to the printer."
        case .notFound: return "Printing failed: \(name) not found" + instead
        case .stoppedEarly: return "Printing failed: \(name) stopped before taking the whole list" + instead
        case .failed(let s): return "Printing failed: \(name) ended with an error (\(s))" + instead
        case .killedBySignal(let s): return "Printing failed: \(name) was stopped (signal \(s))" + instead
        case .timedOut: return "Printing failed: \(name) did not finish in time" + instead
        case .cannotStart: return "Printing failed: could not run \(name)" + instead
        }
    }

    static func commandName(_ command: String) -> String {
        let first = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? "the print command"
        return first.count > 30 ? String(first.prefix(29)) + "…" : first
    }

    /// Ignoring SIGPIPE is process-wide; done at start-up too, and harmless to repeat.
    public static func ignoreSIGPIPE() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Runs `command` with `text` on its standard input. Never blocks longer than `timeout` seconds
    /// (plus a moment to reap a killed command).
    public static func send(_ text: String, command: String, timeout: Double = 10) -> Outcome {
        ignoreSIGPIPE()
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return .cannotStart }
        let readEnd = fds[0], writeEnd = fds[1]

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        // Whatever the command says ("request id is …") must not land on the full screen.
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        // Its own process group, so a timeout can stop the shell and whatever it started; default
        // SIGPIPE for the child, so a printer pipeline behaves as it would from a shell.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setpgroup(&attr, 0)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))

        let args = ["sh", "-c", command]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) }
        argv.append(nil)
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attr, argv, environ)
        close(readEnd)
        guard spawned == 0 else {
            close(writeEnd)
            return .cannotStart
        }

        let deadline = now() + timeout
        let complete = write(Array(text.utf8), to: writeEnd, until: deadline)
        close(writeEnd)

        guard let status = wait(for: pid, until: deadline) else {
            kill(-pid, SIGTERM)
            if wait(for: pid, until: now() + 0.5) == nil {
                kill(-pid, SIGKILL)
                _ = wait(for: pid, until: now() + 2)
            }
            return .timedOut
        }
        // WIFEXITED / WEXITSTATUS are macros: spelled out.
        let signalled = status & 0x7f
        if signalled != 0 { return .killedBySignal(signalled) }
        let code = (status >> 8) & 0xff
        if code == 127 { return .notFound }
        if code != 0 { return .failed(status: code) }
        return complete ? .printed : .stoppedEarly
    }

    /// Writes everything unless the reader goes away (EPIPE) or time runs out; true if all of it went.
    static func write(_ bytes: [UInt8], to fd: Int32, until deadline: Double) -> Bool {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                offset += n
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                let left = deadline - now()
                guard left > 0 else { return false }
                var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                _ = poll(&p, 1, Int32(min(left * 1000, 1000).rounded(.up)))
                continue
            }
            return false  // EPIPE and anything else: the command is not reading
        }
        return true
    }

    /// The raw wait status, or nil if the command is still running at the deadline.
    static func wait(for pid: pid_t, until deadline: Double) -> Int32? {
        while true {
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { return status }
            if r < 0 && errno != EINTR { return 0 }  // already reaped elsewhere: nothing to report
            if now() >= deadline { return nil }
            usleep(10_000)
        }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
