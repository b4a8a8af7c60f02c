import ArgumentParser
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
        let backend: NcursesBackend
        do {
            backend = try NcursesBackend(colors: theme != .mono, catchInterrupts: true)
        } catch {
            if options.mode.isKiosk {
                // Never a kiosk in line mode: Ctrl-C would end it.
                Output.error("localoffer: --kiosk needs a full-screen terminal; cannot use TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? ""); not starting")
                throw ExitCode(1)
            }
            // No usable terminal (a bad TERM): the line mode still works.
            Output.error("localoffer: cannot use this terminal (TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "")); using plain mode")
            plainSession(content: content, options: options).run()
            return
        }
        defer { backend.shutdown() }
        var watcher = ContentWatcher(root: ContentLocator.locate(options.contentOptions.content))
        Loop.run(&state, backend: backend) { state, effect in
            switch effect {
            case .saveTakeaway(let path):
                state.message = saveTakeaway(state.takeaway(), to: path)
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

    /// Writes the take-away where the person said; what to tell them. Both front ends save through
    /// this one function (full screen Ctrl-S, plain mode "save").
    static func saveTakeaway(_ text: String, to path: String) -> String {
        do {
            try text.write(toFile: (path as NSString).expandingTildeInPath, atomically: true, encoding: .utf8)
            return "Saved your list to \(path)."
        } catch {
            return "Could not save to \(path): check the folder exists and can be written."
        }
    }

    /// The line mode, with the same save and print as the full screen.
    static func plainSession(content: Content, options: LocalOffer) -> PlainSession {
        PlainSession(content: content, mode: options.mode, readLine: { Swift.readLine() }, write: { print($0) },
                     save: { name, text in saveTakeaway(text, to: name) },
                     print: { text in printTakeaway(text, command: options.printCommand) })
    }

    static func printTakeaway(_ text: String, command: String) -> String {
        Printer.message(Printer.send(text, command: command), command: command)
    }
}
