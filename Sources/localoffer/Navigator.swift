import Foundation
import LocalOfferCore
import LocalOfferTerminal
import LocalOfferUI

/// Wires the pure UI to the ncurses backend and does the few things that touch the world:
/// saving or printing the take-away, and (kiosk) taking new content at an idle reset.
enum Navigator {
    static let kioskPINFile = KioskPIN.defaultPath

    static func run(content: Content, options: LocalOffer) throws {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let theme: Theme = noColor ? .mono : (Theme(rawValue: options.theme) ?? .standard)
        let pin = options.mode == .kiosk ? readPIN(options.pinFile) : nil
        let saveDir = options.saveDir.map { ($0 as NSString).expandingTildeInPath } ?? TakeawayFile.defaultDirectory()
        var config = AppConfig(mode: options.mode, idleTimeout: Double(options.idleTimeout), theme: theme, kioskPIN: pin)
        config.saveDirectory = saveDir
        var state = AppState(content: content, config: config)
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend(colors: theme != .mono, catchInterrupts: true)
        } catch {
            // No usable terminal (a bad TERM): the line mode still works.
            Output.error("localoffer: cannot use this terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "")); using plain mode")
            PlainSession(content: content, mode: options.mode, readLine: { Swift.readLine() }, write: { print($0) }).run()
            return
        }
        defer { backend.shutdown() }
        var watcher = ContentWatcher(root: ContentLocator.locate(options.contentOptions.content))
        Loop.run(&state, backend: backend) { state, effect in
            switch effect {
            case .saveTakeaway(let name):
                // A file name only, into the one save folder; never over an existing file or through a link.
                do {
                    let written = try TakeawayFile.save(Sanitize.text(state.takeaway()), name: name, in: saveDir)
                    state.message = "Saved your list to \(written)."
                } catch {
                    state.message = "Could not save your list: \(error)"
                }
            case .printTakeaway:
                state.message = printTakeaway(Sanitize.text(state.takeaway()), command: options.printCommand)
            case .idleReset:
                // New content is taken only when it passes `check`; otherwise the last good content stays.
                switch watcher.check() {
                case .unchanged: break
                case .reloaded(let content):
                    state.content = content
                    state.engine = SearchEngine(content: content)
                case .refused(let errors):
                    // To the system journal: the terminal is the kiosk's screen, not a log.
                    SystemLog.warning("content update refused: \(errors.count) error\(errors.count == 1 ? "" : "s") (run localoffer check); keeping the running content")
                }
            default:
                break
            }
        }
    }

    /// The staff PIN, or nil (the kiosk then cannot be left from the keyboard), with a one-line
    /// warning to stderr and the journal saying why.
    static func readPIN(_ path: String) -> String? {
        switch KioskPIN.load(path: path) {
        case .success(let pin): return pin
        case .failure(let problem):
            Output.error("localoffer: warning: \(problem)")
            SystemLog.warning("\(problem)")
            return nil
        }
    }

    static func printTakeaway(_ text: String, command: String) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = command.split(separator: " ").map(String.init)
        let pipe = Pipe()
        p.standardInput = pipe
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do {
            try p.run()
            // SIGPIPE is ignored: a print command that exits early makes this write fail, not kill us.
            _ = Output.write(text, to: pipe.fileHandleForWriting.fileDescriptor)
            try? pipe.fileHandleForWriting.close()
            p.waitUntilExit()
            return p.terminationStatus == 0 ? "Sent your list to the printer." : "Printing failed (\(command)): save it with Ctrl-S instead."
        } catch {
            return "No print command (\(command)): save it with Ctrl-S instead."
        }
    }
}
