import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Drives the real binary in a real terminal: tmux with its own socket, send-keys in, capture-pane out.
final class Tmux {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var binary: String? {
        for p in [".build/debug/localoffer", ".build/release/localoffer"] {
            let path = packageRoot.appendingPathComponent(p).path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
    static var available: Bool { binary != nil && which("tmux") != nil }

    static func which(_ tool: String) -> String? {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(tool)") {
            return "\(dir)/\(tool)"
        }
        return nil
    }

    let socket = "lo-e2e-\(UUID().uuidString.prefix(8))"
    let dir: URL

    init() {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("lo-e2e-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    deinit {
        _ = Tmux.run(["tmux", "-L", socket, "kill-server"], quiet: true)
        try? FileManager.default.removeItem(at: dir)
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs a command through the shell. tmux's server daemonizes, which Foundation's Process
    /// does not wait through, so popen it is.
    @discardableResult
    static func run(_ args: [String], quiet: Bool = false) -> (status: Int32, out: String) {
        let cmd = args.map(quote).joined(separator: " ") + (quiet ? " >/dev/null 2>&1 </dev/null" : " 2>&1 </dev/null")
        guard let f = popen(cmd, "r") else { return (-1, "") }
        var out = Data()
        var buf = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&buf, 1, buf.count, f)
            if n <= 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        let status = pclose(f)
        return (status, String(decoding: out, as: UTF8.self))
    }

    /// A plain program with input on a pipe (no tmux involved).
    static func pipe(_ args: [String], input: String) -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: args[0])
        p.arguments = Array(args.dropFirst())
        let out = Pipe()
        let inPipe = Pipe()
        p.standardOutput = out
        p.standardError = out
        p.standardInput = inPipe
        do { try p.run() } catch { return (-1, "\(error)") }
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try? inPipe.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Starts the program in an 80×24 pane, recording the terminal settings before and after it.
    func start(_ args: [String], width: Int = 80, height: Int = 24, env: [String: String] = [:], cwd: URL? = nil, term: String = "xterm-256color") {
        let bin = Tmux.binary ?? "localoffer"
        let envs = env.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let d = dir.path
        let cd = cwd.map { "cd '\($0.path)' && " } ?? ""
        let script = "\(cd)stty -g > '\(d)/before'; \(envs) '\(bin)' \(args.joined(separator: " ")); echo $? > '\(d)/exit'; stty -g > '\(d)/after'; sleep 120"
        Tmux.run(["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)",
                  "env", "TERM=\(term)", "sh", "-c", script], quiet: true)
    }

    func keys(_ keys: String...) {
        for k in keys { Tmux.run(["tmux", "-L", socket, "send-keys", "-t", "t", k]) }
        Thread.sleep(forTimeInterval: 0.15)
    }

    /// Raw bytes, as a terminal would send them (`ESC [ 1 ~`).
    func hex(_ bytes: [UInt8]) {
        Tmux.run(["tmux", "-L", socket, "send-keys", "-t", "t", "-H"] + bytes.map { String(format: "%02x", $0) })
        Thread.sleep(forTimeInterval: 0.2)
    }

    func type(_ text: String) {
        Tmux.run(["tmux", "-L", socket, "send-keys", "-t", "t", "-l", text])
        Thread.sleep(forTimeInterval: 0.2)
    }

    func resize(_ w: Int, _ h: Int) {
        Tmux.run(["tmux", "-L", socket, "resize-window", "-t", "t", "-x", "\(w)", "-y", "\(h)"])
        Thread.sleep(forTimeInterval: 0.3)
    }

    func screen() -> String { Tmux.run(["tmux", "-L", socket, "capture-pane", "-p", "-t", "t"]).out }

    /// Waits until the screen shows `text`; returns the screen either way.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 8) -> (found: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(seconds)
        var s = ""
        while Date() < deadline {
            s = screen()
            if s.contains(text) { return (true, s) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return (false, s)
    }

    var exitCode: Int32? {
        guard let t = try? String(contentsOf: dir.appendingPathComponent("exit"), encoding: .utf8) else { return nil }
        return Int32(t.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func waitForExit(seconds: Double = 8) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let c = exitCode { return c }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return nil
    }

    /// The terminal is as it was before the program started.
    var terminalRestored: Bool {
        let before = try? String(contentsOf: dir.appendingPathComponent("before"), encoding: .utf8)
        let after = try? String(contentsOf: dir.appendingPathComponent("after"), encoding: .utf8)
        return before != nil && before == after
    }

    /// The localoffer process in the pane.
    var programPID: Int32? {
        let shell = Tmux.run(["tmux", "-L", socket, "display-message", "-p", "-t", "t", "#{pane_pid}"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let children = Tmux.run(["pgrep", "-P", shell]).out.split(separator: "\n")
        for c in children {
            let pid = String(c)
            let name = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            if name == "localoffer" { return Int32(pid) }
        }
        return nil
    }
}
