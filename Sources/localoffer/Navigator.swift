import Foundation
import LocalOfferCore
import LocalOfferTerminal
import LocalOfferUI

/// Wires the pure UI to the ncurses backend and does the few things that touch the world:
/// saving or printing the take-away, and (kiosk) taking new content at an idle reset.
enum Navigator {
    static let kioskPINFile = "/etc/localoffer/kiosk-pin"

    static func run(content: Content, options: LocalOffer) throws {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        let theme: Theme = noColor ? .mono : (Theme(rawValue: options.theme) ?? .standard)
        let pin = options.mode == .kiosk ? readPIN() : nil
        var state = AppState(content: content, config: AppConfig(mode: options.mode, idleTimeout: Double(options.idleTimeout),
                                                                  theme: theme, kioskPIN: pin))
        state.config.glyphs = Glyphs.forTerminal(term: ProcessInfo.processInfo.environment["TERM"] ?? "", asciiFlag: options.display.ascii)
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
            case .saveTakeaway(let path):
                do {
                    try state.takeaway().write(toFile: (path as NSString).expandingTildeInPath, atomically: true, encoding: .utf8)
                    state.message = "Saved your list to \(path)."
                } catch {
                    state.message = "Could not save to \(path): check the folder exists and can be written."
                }
            case .printTakeaway:
                state.message = printTakeaway(state.takeaway(), command: options.printCommand)
            case .idleReset:
                // New content is taken only when it passes `check`; otherwise the last good content stays.
                switch watcher.check() {
                case .unchanged: break
                case .reloaded(let content):
                    state.content = content
                    state.engine = SearchEngine(content: content)
                case .refused(let errors):
                    Output.error("content update refused: \(errors.count) errors (run localoffer check)")
                }
            default:
                break
            }
        }
    }

    static func readPIN() -> String? {
        guard let text = try? String(contentsOfFile: kioskPINFile, encoding: .utf8) else { return nil }
        let pin = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return pin.isEmpty ? nil : pin
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
            pipe.fileHandleForWriting.write(Data(text.utf8))
            try? pipe.fileHandleForWriting.close()
            p.waitUntilExit()
            return p.terminationStatus == 0 ? "Sent your list to the printer." : "Printing failed (\(command)): save it with Ctrl-S instead."
        } catch {
            return "No print command (\(command)): save it with Ctrl-S instead."
        }
    }
}
